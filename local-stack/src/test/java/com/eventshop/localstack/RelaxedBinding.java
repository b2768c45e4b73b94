package com.eventshop.localstack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Whether an environment variable binds to a {@code @ConfigurationProperties} record of a
 * service, as Spring Boot binds {@code EVENTSHOP_ADMIN_USER} to
 * {@code eventshop.admin.user}: lower case, {@code _} for {@code .}, dashes dropped. The
 * records are the shared ones of {@code common-messaging} and the service's own.
 */
final class RelaxedBinding {

	private final List<Class<?>> types;

	private RelaxedBinding(List<Class<?>> types) {
		this.types = types;
	}

	/**
	 * @param service a module name such as {@code order-service}
	 */
	static RelaxedBinding of(String service) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		String ownPackage = "com.eventshop." + service.replace("-service", "");
		List<Class<?>> types = new ArrayList<>();
		Stream.of("com.eventshop.messaging", "com.eventshop.web", ownPackage)
			.flatMap((pkg) -> scanner.findCandidateComponents(pkg).stream())
			.map(BeanDefinition::getBeanClassName)
			.filter(Objects::nonNull)
			.forEach((name) -> types.add(ClassUtils.resolveClassName(name, RelaxedBinding.class.getClassLoader())));
		if (types.isEmpty()) {
			throw new IllegalStateException("No @ConfigurationProperties found for " + service);
		}
		return new RelaxedBinding(types);
	}

	boolean binds(String variable) {
		String property = variable.toLowerCase(Locale.ROOT).replace('_', '.');
		return this.types.stream().anyMatch((type) -> {
			String prefix = prefix(type);
			return property.startsWith(prefix + ".")
					&& binds(type, property.substring(prefix.length() + 1).split("\\."), 0);
		});
	}

	private static boolean binds(Class<?> type, String[] path, int index) {
		if (index == path.length) {
			return true;
		}
		if (Map.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
			return true;
		}
		if (!type.isRecord()) {
			return false;
		}
		return Stream.of(type.getRecordComponents())
			.filter((component) -> component.getName().toLowerCase(Locale.ROOT).equals(path[index]))
			.findFirst()
			.map((component) -> binds(component.getType(), path, index + 1))
			.orElse(false);
	}

	private static String prefix(Class<?> type) {
		ConfigurationProperties properties = Optional.ofNullable(type.getAnnotation(ConfigurationProperties.class))
			.orElseThrow();
		return properties.prefix().isEmpty() ? properties.value() : properties.prefix();
	}

}
