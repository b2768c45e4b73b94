package com.eventshop.order.catalog;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface ProductRepository extends JpaRepository<Product, String> {

	List<Product> findByActiveTrueOrderBySku();

}
