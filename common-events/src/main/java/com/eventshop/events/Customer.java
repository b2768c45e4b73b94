package com.eventshop.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The customer an order event is about, copied into the event so that consumers (e-mail,
 * shipping) never call the order service back.
 *
 * @param id customer id
 * @param name display name
 * @param email where e-mails go
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Customer(String id, String name, String email) {
}
