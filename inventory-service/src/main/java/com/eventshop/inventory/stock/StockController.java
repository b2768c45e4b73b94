package com.eventshop.inventory.stock;

import java.util.List;
import java.util.Objects;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ETag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/stock}, {@code GET /api/stock/{sku}} and the operator's {@code PUT
 * /api/stock/{sku}} (operator only: {@code eventshop.security.operator-paths}).
 * <p>
 * A correction sets an absolute number of free units, which is only right if nothing
 * reserved or released units since the operator looked. So it is conditional: it names
 * the version it was computed from in {@code If-Match} (the {@code ETag} of {@code GET});
 * a stale version is {@code 412}, a missing one {@code 428}. A new SKU is created with
 * {@code If-None-Match: *}.
 */
@RestController
@RequestMapping("/api/stock")
class StockController {

	private final StockLevels stock;

	StockController(StockLevels stock) {
		this.stock = stock;
	}

	@GetMapping
	List<StockLevel> all() {
		return this.stock.all();
	}

	@GetMapping("/{sku}")
	ResponseEntity<StockLevel> find(@PathVariable String sku) {
		StockLevel level = this.stock.find(sku).orElseThrow(() -> new StockNotFoundException(sku));
		return ResponseEntity.ok().eTag(level.eTag()).body(level);
	}

	@PutMapping("/{sku}")
	@ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "The stock level, set (new ETag)")
	@ApiResponse(responseCode = "201", useReturnTypeSchema = true,
			description = "A new SKU's stock level, created with If-None-Match: *")
	@ApiResponse(responseCode = "412", description = "urn:eventshop:problem:precondition-failed when the If-Match"
			+ " version is no longer current or the SKU does not exist, or If-None-Match: * names an existing SKU")
	@ApiResponse(responseCode = "428",
			description = "urn:eventshop:problem:precondition-required when neither If-Match nor If-None-Match: * is sent")
	ResponseEntity<StockLevel> setAvailable(@PathVariable @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{0,39}") String sku,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch,
			@RequestBody @Valid SetStockRequest request) {
		int available = Objects.requireNonNull(request.available());
		if (ifMatch != null) {
			long version = version(sku, ifMatch);
			StockLevel level = this.stock.setAvailable(sku, available, version)
				.orElseThrow(() -> StockPreconditionException.failed(sku));
			return ResponseEntity.ok().eTag(level.eTag()).body(level);
		}
		if (ifNoneMatch != null && ETag.parse(ifNoneMatch).stream().anyMatch(ETag::isWildcard)) {
			StockLevel level = this.stock.create(sku, available)
				.orElseThrow(() -> StockPreconditionException.failed(sku));
			return ResponseEntity.status(HttpStatus.CREATED).eTag(level.eTag()).body(level);
		}
		throw StockPreconditionException.required(sku);
	}

	/**
	 * The version an {@code If-Match} names. {@code *} would overwrite whatever is there,
	 * the very lost update this guards against, so it counts as no precondition; a tag
	 * this service never issued matches no version.
	 */
	private static long version(String sku, String ifMatch) {
		List<ETag> tags = ETag.parse(ifMatch);
		if (tags.isEmpty() || tags.stream().anyMatch(ETag::isWildcard)) {
			throw StockPreconditionException.required(sku);
		}
		ETag tag = tags.get(0);
		if (tags.size() > 1 || tag.weak() || !tag.tag().matches("\\d{1,18}")) {
			throw StockPreconditionException.failed(sku);
		}
		return Long.parseLong(tag.tag());
	}

}
