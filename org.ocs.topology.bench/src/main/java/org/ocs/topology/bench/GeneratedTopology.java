package org.ocs.topology.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a Lync Server 2010 topology of {@code pools} Enterprise pools with {@code frontEnds}
 * Front Ends each, ten pools per file (one site per file), for benchmarks. Even pools keep their
 * Front Ends on one subnet (direct traffic); odd pools split them over two balancer-facing subnets
 * with the balancer as default gateway and a forwarding virtual server with automap, the shape of
 * the field report, so every odd pool yields hairpin findings.
 */
public final class GeneratedTopology {

	public static final int POOLS_PER_FILE = 10;

	private GeneratedTopology() {
	}

	/**
	 * {@code GeneratedTopology <folder> <pools> [frontEnds] [dropping]}: writes a topology to try the
	 * command line on; with {@code dropping}, the odd pools' balancers have no forwarding virtual
	 * server, so their Front Ends cannot reach each other (pool-traffic-unreachable, each finding
	 * with proven forwarding remedies to compute).
	 */
	public static void main(String[] args) throws IOException {
		if (args.length < 2) {
			System.err.println("usage: GeneratedTopology <folder> <pools> [front ends per pool, default 8] [dropping]");
			System.exit(2);
		}
		int frontEnds = args.length > 2 ? Integer.parseInt(args[2]) : 8;
		boolean dropping = args.length > 3 && args[3].equals("dropping");
		Path folder = write(Path.of(args[0]), Integer.parseInt(args[1]), frontEnds, POOLS_PER_FILE, true, !dropping);
		System.out.println("wrote " + folder);
	}

	public static Path write(Path folder, int pools, int frontEnds) throws IOException {
		return write(folder, pools, frontEnds, POOLS_PER_FILE);
	}

	/** The same, with {@code poolsPerFile} pools in each site file. */
	public static Path write(Path folder, int pools, int frontEnds, int poolsPerFile) throws IOException {
		return write(folder, pools, frontEnds, poolsPerFile, true);
	}

	/** With {@code hairpins} false every pool keeps its Front Ends on one subnet: a clean topology. */
	public static Path write(Path folder, int pools, int frontEnds, int poolsPerFile, boolean hairpins)
			throws IOException {
		return write(folder, pools, frontEnds, poolsPerFile, hairpins, true);
	}

	/** With {@code forwarding} false the split pools' balancers route nothing between their subnets. */
	public static Path write(Path folder, int pools, int frontEnds, int poolsPerFile, boolean hairpins, boolean forwarding)
			throws IOException {
		Files.createDirectories(folder);
		Files.writeString(folder.resolve("topology.ocstopo"), """
				topology Bench {
				    product lync2010
				    sip domains bench.test
				}

				registrar global {
				    max endpoints per user 8
				}
				""");
		for (int file = 0; file * poolsPerFile < pools; file++) {
			StringBuilder site = new StringBuilder("site S" + file + " {\n");
			StringBuilder dns = new StringBuilder("dns {\n");
			for (int pool = file * poolsPerFile; pool < Math.min(pools, (file + 1) * poolsPerFile); pool++) {
				appendPool(site, dns, pool, frontEnds, hairpins, forwarding);
			}
			site.append("}\n\n");
			dns.append("}\n");
			Files.writeString(folder.resolve(String.format("site%03d.ocstopo", file)), site.toString() + dns);
		}
		return folder;
	}

	private static void appendPool(StringBuilder site, StringBuilder dns, int pool, int frontEnds, boolean hairpins,
			boolean forwarding) {
		String net = "10." + (1 + pool / 256) + "." + (pool % 256) + ".";
		boolean split = hairpins && pool % 2 == 1;
		String poolName = "pool" + pool + ".bench.test";
		if (split) {
			site.append("    subnet p").append(pool).append("-a ").append(net).append("0/25\n");
			site.append("    subnet p").append(pool).append("-b ").append(net).append("128/25\n");
		} else {
			site.append("    subnet p").append(pool).append("-lan ").append(net).append("0/24\n");
		}
		StringBuilder members = new StringBuilder();
		for (int k = 0; k < frontEnds; k++) {
			String fe = "fe" + pool + "-" + k + ".bench.test";
			boolean upper = split && k % 2 == 1;
			String address = net + (upper ? 140 + k : 10 + k);
			String subnet = "p" + pool + (split ? (upper ? "-b" : "-a") : "-lan");
			String gateway = net + (split ? (upper ? "129" : "1") : "1");
			site.append("    server ").append(fe).append(" {\n        interface ").append(address).append(" on ")
					.append(subnet).append("\n        default gateway ").append(gateway).append("\n    }\n");
			dns.append("    A ").append(fe).append(" -> ").append(address).append("\n");
			members.append(k == 0 ? "" : ", ").append(fe);
		}
		site.append("    enterprise pool ").append(poolName).append(" {\n        front ends ").append(members)
				.append("\n        load balanced by vip p").append(pool).append("-vip\n    }\n");
		site.append("    load balancer lb").append(pool).append(" {\n");
		if (split) {
			site.append("        self ip ").append(net).append("1 on p").append(pool).append("-a\n");
			site.append("        self ip ").append(net).append("129 on p").append(pool).append("-b\n");
		} else {
			site.append("        self ip ").append(net).append("2 on p").append(pool).append("-lan\n");
		}
		site.append("        virtual server p").append(pool).append("-vip ").append(net).append("100 {\n")
				.append("            ports tcp 5061, 444, 135, 443, 80, 5071, 5072, 5073\n")
				.append("            members pool ").append(poolName).append("\n")
				.append("            source translation automap\n        }\n");
		if (split && forwarding) {
			site.append("        forwarding virtual server p").append(pool).append("-routed 0.0.0.0/0 {\n")
					.append("            source translation automap\n        }\n");
		}
		site.append("        tcp idle timeout 1800\n    }\n");
		dns.append("    A ").append(poolName).append(" -> ").append(net).append("100\n");
	}
}
