package org.ocs.topology.rules.pools;

import org.ocs.topology.analysis.product.DomainLimits;
import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.topology.GroupChatPool;
import org.ocs.topology.topology.TopologyPackage;

/** groupchat-servers-over-limit: more Group Chat servers in a pool than Microsoft supports. */
public final class GroupchatServersOverLimit extends DeclarationRule<GroupChatPool> {

	public GroupchatServersOverLimit() {
		super(GroupChatPool.class);
	}

	@Override
	public void check(GroupChatPool pool, Findings findings) {
		int max = DomainLimits.MAX_GROUP_CHAT_SERVERS_PER_POOL;
		if (pool.getMembers().size() > max) {
			// On the first member over the limit.
			findings.report(pool, TopologyPackage.eINSTANCE.getPool_Members(), max, "Group Chat pool " + pool.getName()
					+ " has " + pool.getMembers().size() + " Group Chat servers; at most " + max
					+ " are supported (one, plus up to " + (max - 1) + " more).", null);
		}
	}
}
