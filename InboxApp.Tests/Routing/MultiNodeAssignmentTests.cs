using System.Net;
using System.Net.Http.Json;
using InboxApp.Core.Contacts;
using InboxApp.Core.Conversations;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using InboxApp.Tests.Users;
using Microsoft.EntityFrameworkCore;
using static InboxApp.Tests.Routing.RoutingTestKit;

namespace InboxApp.Tests.Routing;

/// <summary>
/// Two app nodes on one database (ADR 0033): agents connected to either node are online for both, and conversations routed
/// at the same moment on both nodes are assigned as one node would: evenly, and never over an agent's capacity.
/// </summary>
[RunsLong(15)]
public sealed class MultiNodeAssignmentTests(NoJobsAppFactory nodeA) : IClassFixture<NoJobsAppFactory>
{
    private const int Conversations = 200;

    [Fact]
    public async Task Conversations_routed_on_two_nodes_at_once_go_round_robin_evenly_to_agents_of_both_nodes()
    {
        var counts = await RouteOnTwoNodesAsync(capacity: 100);
        Assert.False(counts.ContainsKey(Guid.Empty), "every conversation assigned");
        Assert.All(counts, c => Assert.InRange(c.Value, Conversations / 5 - 1, Conversations / 5 + 1));
    }

    [Fact]
    public async Task Conversations_routed_on_two_nodes_at_once_never_push_an_agent_over_capacity()
    {
        const int capacity = 30;
        var counts = await RouteOnTwoNodesAsync(capacity);
        // Every agent is filled exactly to capacity; the rest waits in the queue.
        Assert.All(counts.Where(c => c.Key != Guid.Empty), c => Assert.Equal(capacity, c.Value));
        Assert.Equal(Conversations - 5 * capacity, counts.GetValueOrDefault(Guid.Empty));
    }

    [Fact]
    public async Task An_agent_who_chose_away_on_one_node_gets_nothing_from_the_other_node()
    {
        using var nodeB = nodeA.SecondNode();
        var admin = await nodeA.RegisterOrganizationAsync();
        var present = await nodeA.AddMemberAsync(admin, "AGENT");
        var away = await nodeA.AddMemberAsync(admin, "AGENT");
        var team = await TeamAsync(admin.Client, "Support", present.UserId, away.UserId);
        await (await admin.Client.PutAsJsonAsync($"/api/v1/teams/{team}/assignment", new { mode = "ROUND_ROBIN", defaultCapacity = 50 })).ShouldBe(HttpStatusCode.OK);
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/default-team", new { teamId = team })).ShouldBe(HttpStatusCode.OK);
        var numberId = await SandboxNumberAsync(admin.Client);
        using var adminOnB = nodeB.CreateClient().WithBearer(admin.AccessToken);
        // The away agent's session is on node B; they choose AWAY through node A.
        await using var presentSession = await ConnectAsync(nodeA, "/hubs/inbox", present.AccessToken);
        await using var awaySession = await ConnectAsync(nodeB, "/hubs/inbox", away.AccessToken);
        await MessagingTestData.EventuallyAsync(async () =>
            (await (await admin.Client.GetAsync($"/api/v1/teams/{team}/assignment")).Data()).GetProperty("members").EnumerateArray().All(m => m.Str("onlineStatus") == "ONLINE"),
            "both agents online", TimeSpan.FromSeconds(30));
        await (await away.Client.PatchAsJsonAsync($"/api/v1/users/{away.UserId}/status", new { status = "AWAY" })).ShouldBe(HttpStatusCode.OK);

        var ids = await WaitingConversationsAsync(admin, numberId, 6);
        foreach (var id in ids) await (await adminOnB.PostAsync($"/api/v1/conversations/{id}/re-route", null)).ShouldBe(HttpStatusCode.OK);

        await using var db = nodeA.SystemDb();
        var assignees = await db.Conversations.Where(c => ids.Contains(c.Id)).Select(c => c.AssigneeId).ToListAsync();
        Assert.All(assignees, a => Assert.Equal(present.UserId, a));
    }

    [Fact]
    public async Task Appear_offline_chosen_on_one_node_holds_on_every_node_and_after_that_node_restarts_until_chosen_otherwise()
    {
        var admin = await nodeA.RegisterOrganizationAsync();
        var present = await nodeA.AddMemberAsync(admin, "AGENT");
        var hidden = await nodeA.AddMemberAsync(admin, "AGENT");
        var team = await TeamAsync(admin.Client, "Support", present.UserId, hidden.UserId);
        await (await admin.Client.PutAsJsonAsync($"/api/v1/teams/{team}/assignment", new { mode = "ROUND_ROBIN", defaultCapacity = 50 })).ShouldBe(HttpStatusCode.OK);
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/default-team", new { teamId = team })).ShouldBe(HttpStatusCode.OK);
        var numberId = await SandboxNumberAsync(admin.Client);
        await using var presentSession = await ConnectAsync(nodeA, "/hubs/inbox", present.AccessToken);
        var hiddenSession = await ConnectAsync(nodeA, "/hubs/inbox", hidden.AccessToken);
        try
        {
            await StatusesEventuallyAsync(admin.Client, team, ("ONLINE", "ONLINE"), present, hidden, "both agents online");

            // The agent is connected to node A and chooses "appear offline" through node B.
            using (var nodeB = nodeA.SecondNode())
            {
                using var hiddenOnB = nodeB.CreateClient().WithBearer(hidden.AccessToken);
                await (await hiddenOnB.PatchAsJsonAsync($"/api/v1/users/{hidden.UserId}/status", new { status = "OFFLINE" })).ShouldBe(HttpStatusCode.OK);
                // Colleagues on either node see them offline at once (no heartbeat waited for).
                using var adminOnB = nodeB.CreateClient().WithBearer(admin.AccessToken);
                Assert.Equal(("ONLINE", "OFFLINE"), await StatusesAsync(admin.Client, team, present, hidden));
                await StatusesEventuallyAsync(adminOnB, team, ("ONLINE", "OFFLINE"), present, hidden, "node B sees the other node's agents");
                await AssertAllGoToAsync(admin, admin.Client, numberId, present.UserId);
            } // node B, which received the choice, stops

            // A new session on a node that never saw the choice: still offline, for colleagues and for assignment.
            await hiddenSession.DisposeAsync();
            using var nodeC = nodeA.SecondNode();
            hiddenSession = await ConnectAsync(nodeC, "/hubs/inbox", hidden.AccessToken);
            using var adminOnC = nodeC.CreateClient().WithBearer(admin.AccessToken);
            await StatusesEventuallyAsync(adminOnC, team, ("ONLINE", "OFFLINE"), present, hidden, "node C sees node A's agent");
            Assert.Equal(("ONLINE", "OFFLINE"), await StatusesAsync(admin.Client, team, present, hidden));
            await AssertAllGoToAsync(admin, adminOnC, numberId, present.UserId);

            // Until they choose otherwise (through node A, while connected to node C): online on both nodes again.
            await (await hidden.Client.PatchAsJsonAsync($"/api/v1/users/{hidden.UserId}/status", new { status = "ONLINE" })).ShouldBe(HttpStatusCode.OK);
            await StatusesEventuallyAsync(adminOnC, team, ("ONLINE", "ONLINE"), present, hidden, "back online on node C");
            await StatusesEventuallyAsync(admin.Client, team, ("ONLINE", "ONLINE"), present, hidden, "back online on node A");
        }
        finally
        {
            await hiddenSession.DisposeAsync();
        }
    }

    /// <summary>Re-routes three waiting conversations through <paramref name="client"/>'s node and checks who got them.</summary>
    private async Task AssertAllGoToAsync(SignedIn admin, HttpClient client, Guid numberId, Guid expected)
    {
        var ids = await WaitingConversationsAsync(admin, numberId, 3);
        foreach (var id in ids) await (await client.PostAsync($"/api/v1/conversations/{id}/re-route", null)).ShouldBe(HttpStatusCode.OK);
        await using var db = nodeA.SystemDb();
        var assignees = await db.Conversations.Where(c => ids.Contains(c.Id)).Select(c => c.AssigneeId).ToListAsync();
        Assert.All(assignees, a => Assert.Equal(expected, a));
    }

    /// <summary>The two agents' statuses in the team's assignment view, as the node behind <paramref name="client"/> answers.</summary>
    private static async Task<(string, string)> StatusesAsync(HttpClient client, Guid team, SignedIn first, SignedIn second)
    {
        var members = (await (await client.GetAsync($"/api/v1/teams/{team}/assignment")).Data()).GetProperty("members").EnumerateArray().ToList();
        string Of(SignedIn agent) => members.Single(m => m.Str("userId") == agent.UserId.ToString()).Str("onlineStatus")!;
        return (Of(first), Of(second));
    }

    private static Task StatusesEventuallyAsync(HttpClient client, Guid team, (string, string) expected, SignedIn first, SignedIn second, string because) =>
        MessagingTestData.EventuallyAsync(async () => await StatusesAsync(client, team, first, second) == expected, because, TimeSpan.FromSeconds(30));

    /// <summary>An agent's live session on a node (the hub's handshake is retried: two hosts start on a busy machine here).</summary>
    private static async Task<HubTestClient> ConnectAsync(InboxAppFactory node, string path, string token)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await HubTestClient.ConnectAsync(node, path, token);
            }
            catch (OperationCanceledException) when (attempt < 3)
            {
            }
        }
    }

    private async Task<List<Guid>> WaitingConversationsAsync(SignedIn admin, Guid numberId, int count)
    {
        var ids = new List<Guid>();
        var now = DateTimeOffset.UtcNow;
        var prefix = Random.Shared.Next(100, 999);
        await using var db = nodeA.SystemDb();
        for (var i = 0; i < count; i++)
        {
            var phone = $"49{prefix}{i:D7}";
            var contact = new Contact
            {
                OrganizationId = admin.OrganizationId, PhoneNumberId = numberId, Identifier = phone, WaId = phone, ReplyTo = phone, CreatedAt = now, UpdatedAt = now,
            };
            var conversation = new Conversation
            {
                OrganizationId = admin.OrganizationId, PhoneNumberId = numberId, ContactId = contact.Id, Status = ConversationStatus.OPEN,
                CreatedAt = now.AddMilliseconds(i), UpdatedAt = now, LastMessageAt = now, LastCustomerMessageAt = now, WaitingSince = now.AddMilliseconds(i),
            };
            db.Add(contact);
            db.Add(conversation);
            ids.Add(conversation.Id);
        }
        await db.SaveChangesAsync();
        return ids;
    }

    /// <summary>
    /// Five agents, three connected to node A and two to node B; <see cref="Conversations"/> waiting conversations re-routed
    /// eight at a time, alternately through node A and node B. Answers the open conversations per assignee (unassigned under
    /// <see cref="Guid.Empty"/>), after checking that exactly the five agents got some.
    /// </summary>
    private async Task<Dictionary<Guid, int>> RouteOnTwoNodesAsync(int capacity)
    {
        using var nodeB = nodeA.SecondNode();
        var admin = await nodeA.RegisterOrganizationAsync();
        var agents = new List<SignedIn>();
        for (var i = 0; i < 5; i++) agents.Add(await nodeA.AddMemberAsync(admin, "AGENT"));
        var team = await TeamAsync(admin.Client, "Support", agents.Select(a => a.UserId).ToArray());
        await (await admin.Client.PutAsJsonAsync($"/api/v1/teams/{team}/assignment", new { mode = "ROUND_ROBIN", defaultCapacity = capacity })).ShouldBe(HttpStatusCode.OK);
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/default-team", new { teamId = team })).ShouldBe(HttpStatusCode.OK);
        var numberId = await SandboxNumberAsync(admin.Client);
        using var adminOnB = nodeB.CreateClient().WithBearer(admin.AccessToken);
        var sessions = new List<HubTestClient>();
        for (var i = 0; i < agents.Count; i++)
            sessions.Add(await ConnectAsync(i < 3 ? nodeA : nodeB, "/hubs/inbox", agents[i].AccessToken));
        try
        {
            // Each node sees the other node's agents online.
            foreach (var client in new[] { admin.Client, adminOnB })
                await MessagingTestData.EventuallyAsync(async () =>
                    (await (await client.GetAsync($"/api/v1/teams/{team}/assignment")).Data()).GetProperty("members").EnumerateArray().All(m => m.Str("onlineStatus") == "ONLINE"),
                    "every agent online on both nodes", TimeSpan.FromSeconds(30));

            var ids = await WaitingConversationsAsync(admin, numberId, Conversations);

            await Parallel.ForEachAsync(ids.Select((id, i) => (id, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, ct) =>
            {
                var client = item.i % 2 == 0 ? admin.Client : adminOnB;
                var response = await client.PostAsync($"/api/v1/conversations/{item.id}/re-route", null, ct);
                await response.ShouldBe(HttpStatusCode.OK);
            });

            await using (var db = nodeA.SystemDb())
            {
                var counts = (await db.Conversations.Where(c => ids.Contains(c.Id)).GroupBy(c => c.AssigneeId)
                    .Select(g => new { Assignee = g.Key, Count = g.Count() }).ToListAsync())
                    .ToDictionary(c => c.Assignee ?? Guid.Empty, c => c.Count);
                Assert.Equal(agents.Select(a => a.UserId).Order(), counts.Keys.Where(k => k != Guid.Empty).Order());
                return counts;
            }
        }
        finally
        {
            foreach (var session in sessions) await session.DisposeAsync();
        }
    }
}
