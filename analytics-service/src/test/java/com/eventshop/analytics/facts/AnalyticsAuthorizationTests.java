package com.eventshop.analytics.facts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.eventshop.testsupport.AuthorizationCorpus;

/**
 * The analytics service's authorization corpus: every figure is the operator's.
 */
@AnalyticsServiceTest
class AnalyticsAuthorizationTests extends AuthorizationCorpus {

	@Override
	protected Map<String, Rule> rules() {
		Map<String, Rule> rules = new HashMap<>();
		rules.put("GET /api/analytics/summary", Rule.operatorOnly(() -> Request.of("/api/analytics/summary")));
		rules.put("GET /api/analytics/timeseries", Rule.operatorOnly(() -> Request.of("/api/analytics/timeseries")));
		rules.put("GET /api/admin/projections/rebuild",
				Rule.operatorOnly(() -> Request.of("/api/admin/projections/rebuild")));
		// the operator's call starts a rebuild, or finds one running (409)
		rules.put("POST /api/admin/projections/rebuild",
				Rule.operatorOnly(() -> Request.of("/api/admin/projections/rebuild")));
		rules.putAll(deadLetterRules());
		return rules;
	}

	@Override
	protected List<String> secretsOfA() {
		return List.of();
	}

}
