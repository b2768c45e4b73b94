package com.eventshop.loadtests.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import com.eventshop.loadtests.measure.Databases;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * The facts of the machine a run measured, for the report: figures mean little without
 * them.
 *
 * @param cpuModel from /proc/cpuinfo
 * @param cores processors the JVM sees
 * @param memoryGiB total memory
 * @param kernel OS name and version
 * @param jdk the JDK that runs the benchmark and the services
 * @param postgres the server's version string
 * @param kafka the Kafka client version (the broker runs the same release)
 * @param loadAverage /proc/loadavg when the run started: other work on the machine shows
 * here
 */
public record Machine(String cpuModel, int cores, double memoryGiB, String kernel, String jdk, String postgres,
		String kafka, String loadAverage) {

	/** The first three fields of /proc/loadavg: 1, 5 and 15 minutes. */
	public static String currentLoadAverage() throws IOException {
		String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
		return fields[0] + " " + fields[1] + " " + fields[2];
	}

	public static Machine read(Databases databases) throws IOException, SQLException {
		String model = "unknown";
		for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
			if (line.startsWith("model name")) {
				model = line.substring(line.indexOf(':') + 1).trim();
				break;
			}
		}
		double memory = 0;
		for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
			if (line.startsWith("MemTotal:")) {
				memory = Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0;
			}
		}
		String postgres;
		try (Connection db = databases.service("orders");
				Statement statement = db.createStatement();
				ResultSet row = statement.executeQuery("select version()")) {
			row.next();
			postgres = row.getString(1);
		}
		return new Machine(model, Runtime.getRuntime().availableProcessors(), memory,
				System.getProperty("os.name") + " " + System.getProperty("os.version"),
				System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"), postgres,
				AppInfoParser.getVersion(), currentLoadAverage());
	}

}
