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

// A host of its own (not SharedApp.Second): its one test takes 30-40 s, which made that collection's classes, one after
// another, the longest path of a run (docs/performance.md, "the test suite", session 18).
[RunsLong(35)]
public sealed class FairAssignmentTests(NoJobsAppFactory factory) : IClassFixture<NoJobsAppFactory>
{
    [Fact]
    public async Task A_thousand_conversations_routed_at_once_go_round_robin_to_five_agents_evenly_and_never_over_capacity()
    {
        const int conversations = 1000;
        var admin = await factory.RegisterOrganizationAsync();
        var agents = new List<SignedIn>();
        for (var i = 0; i < 5; i++) agents.Add(await factory.AddMemberAsync(admin, "AGENT"));
        var team = await TeamAsync(admin.Client, "Support", agents.Select(a => a.UserId).ToArray());
        await (await admin.Client.PutAsJsonAsync($"/api/v1/teams/{team}/assignment", new { mode = "ROUND_ROBIN", defaultCapacity = 200 })).ShouldBe(HttpStatusCode.OK);
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/default-team", new { teamId = team })).ShouldBe(HttpStatusCode.OK);
        var numberId = await SandboxNumberAsync(admin.Client);
        var sessions = new List<HubTestClient>();
        foreach (var agent in agents) sessions.Add(await HubTestClient.ConnectAsync(factory, "/hubs/inbox", agent.AccessToken));
        try
        {
            await MessagingTestData.EventuallyAsync(async () =>
                (await (await admin.Client.GetAsync($"/api/v1/teams/{team}/assignment")).Data()).GetProperty("members").EnumerateArray().All(m => m.Str("onlineStatus") == "ONLINE"),
                "every agent online");

            // A thousand waiting conversations (stored directly: the webhook pipeline is not what this test is about).
            var ids = new List<Guid>();
            var now = DateTimeOffset.UtcNow;
            await using (var db = factory.SystemDb())
            {
                for (var i = 0; i < conversations; i++)
                {
                    var contact = new Contact
                    {
                        OrganizationId = admin.OrganizationId, PhoneNumberId = numberId, Identifier = $"49170{i:D7}", WaId = $"49170{i:D7}",
                        ReplyTo = $"49170{i:D7}", CreatedAt = now, UpdatedAt = now,
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
            }

            // All of them routed at the same time, eight requests at once.
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
            {
                var response = await admin.Client.PostAsync($"/api/v1/conversations/{id}/re-route", null, ct);
                await response.ShouldBe(HttpStatusCode.OK);
            });

            await using (var db = factory.SystemDb())
            {
                var counts = await db.Conversations.Where(c => ids.Contains(c.Id)).GroupBy(c => c.AssigneeId)
                    .Select(g => new { Assignee = g.Key, Count = g.Count() }).ToListAsync();
                Assert.DoesNotContain(counts, c => c.Assignee is null);
                Assert.Equal(agents.Select(a => a.UserId).Order(), counts.Select(c => c.Assignee!.Value).Order());
                Assert.All(counts, c => Assert.InRange(c.Count, 199, 201));
                Assert.All(counts, c => Assert.True(c.Count <= 200, "over capacity"));
            }
        }
        finally
        {
            foreach (var session in sessions) await session.DisposeAsync();
        }
    }
}
