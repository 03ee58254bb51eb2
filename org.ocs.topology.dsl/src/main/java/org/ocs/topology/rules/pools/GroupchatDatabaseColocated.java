package org.ocs.topology.rules.pools;

import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.topology.GroupChatPool;
import org.ocs.topology.topology.Server;
import org.ocs.topology.topology.TopologyPackage;

/** groupchat-database-colocated: the Group Chat database on one of the pool's own Group Chat servers. */
public final class GroupchatDatabaseColocated extends DeclarationRule<GroupChatPool> {

	public GroupchatDatabaseColocated() {
		super(GroupChatPool.class);
	}

	@Override
	public void check(GroupChatPool pool, Findings findings) {
		Server database = pool.getDatabase();
		if (database != null && !database.eIsProxy() && pool.getMembers().contains(database)) {
			findings.report(pool, TopologyPackage.eINSTANCE.getGroupChatPool_Database(), "The Group Chat database of pool "
					+ pool.getName() + " is on " + database.getName() + ", one of its Group Chat servers: the database"
					+ " must be on another computer.");
		}
	}
}
