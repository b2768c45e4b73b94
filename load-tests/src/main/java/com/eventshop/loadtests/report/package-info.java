/**
 * The report of a run: Markdown, SVG charts, the raw figures as JSON, and the summary of
 * a JFR profile.
 */
@NullMarked
package com.eventshop.loadtests.report;

import org.jspecify.annotations.NullMarked;
