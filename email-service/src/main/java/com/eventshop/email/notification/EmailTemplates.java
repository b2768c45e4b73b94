package com.eventshop.email.notification;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import org.springframework.stereotype.Component;

/**
 * Renders plain-text e-mails from Mustache templates under {@code templates/email/}: a
 * template {@code <name>.subject} for the subject line and {@code <name>} for the body.
 * Plain text needs no HTML escaping; a name the template uses but the model lacks fails
 * the rendering rather than leaving a gap in a customer's e-mail.
 */
@Component
class EmailTemplates {

	private final Mustache.Compiler compiler;

	private final Map<String, Template> templates = new ConcurrentHashMap<>();

	EmailTemplates(Mustache.Compiler compiler) {
		this.compiler = compiler.escapeHTML(false).strictSections(true);
	}

	Email render(String name, Object model) {
		return new Email(template(name + ".subject").execute(model).strip(), template(name).execute(model));
	}

	private Template template(String name) {
		return this.templates.computeIfAbsent(name, (key) -> this.compiler.loadTemplate("email/" + key));
	}

	/**
	 * A rendered e-mail.
	 *
	 * @param subject the subject line
	 * @param body the plain-text body
	 */
	record Email(String subject, String body) {
	}

}
