using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using InboxApp.Core.Conversations;
using InboxApp.Core.Realtime;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Conversations;

public sealed class ConversationEventsTests(InterleavingAppFactory factory) : IClassFixture<InterleavingAppFactory>
{
    /// <summary>The conversation as the database shows it when a subscriber handles an event.</summary>
    private sealed record Snapshot(ConversationStatus Status, Guid? AssigneeId, int UnreadCount, string? Category, IReadOnlyList<Guid> TagIds);

    /// <summary>
    /// Subscribes to the organization's events: records each one as it is published (synchronously, so everything published
    /// before an HTTP response is recorded once the response is read), then reads the conversation from the database.
    /// </summary>
    private sealed class Recorder : IDisposable
    {
        private readonly IDisposable subscription;

        public Recorder(InboxAppFactory factory, Guid organizationId)
        {
            subscription = factory.Services.GetRequiredService<IInboxEventBus>().Subscribe(organizationId, async e =>
            {
                Events.Enqueue(e);
                await using var db = factory.SystemDb();
                var c = await db.Conversations.AsNoTracking().SingleAsync(x => x.Id == e.ConversationId);
                var tags = await db.ConversationTags.Where(t => t.ConversationId == e.ConversationId).Select(t => t.TagId).ToListAsync();
                Seen.Enqueue((e, new Snapshot(c.Status, c.AssigneeId, c.UnreadCount, c.Category, tags)));
            });
        }

        public ConcurrentQueue<InboxEvent> Events { get; } = new();
        public ConcurrentQueue<(InboxEvent Event, Snapshot State)> Seen { get; } = new();

        public List<T> Of<T>() where T : InboxEvent => Events.OfType<T>().ToList();

        /// <summary>What the database showed when the subscriber handled the first event of type <typeparamref name="T"/> matching <paramref name="match"/>.</summary>
        public async Task<Snapshot> SeenAtAsync<T>(Func<T, bool>? match = null) where T : InboxEvent
        {
            Snapshot? found = null;
            await MessagingTestData.EventuallyAsync(() =>
            {
                found = Seen.Where(s => s.Event is T t && (match is null || match(t))).Select(s => s.State).FirstOrDefault();
                return Task.FromResult(found is not null);
            }, typeof(T).Name + " handled by the subscriber");
            return found!;
        }

        public void Dispose() => subscription.Dispose();
    }

    private static string Url(Guid id, string action = "") => $"/api/v1/conversations/{id}{(action.Length == 0 ? "" : "/" + action)}";

    [Fact]
    public async Task Assignment_events_arrive_after_the_new_assignee_is_visible_in_the_database()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, _, _) = await factory.SeedConversationAsync(admin.OrganizationId);
        var agent = await factory.MemberAsync(admin, "AGENT");
        var other = await factory.MemberAsync(admin, "AGENT");
        using var recorder = new Recorder(factory, admin.OrganizationId);

        await (await agent.Client.ActAsync(id, "assign", new { userId = agent.UserId })).ShouldBe(HttpStatusCode.OK);
        var assigned = Assert.Single(recorder.Of<ConversationAssigned>());
        Assert.Equal((id, agent.UserId, (Guid?)null), (assigned.ConversationId, assigned.AssigneeId, assigned.PreviousAssigneeId));
        Assert.Single(recorder.Of<ConversationUpdated>());
        var seen = await recorder.SeenAtAsync<ConversationAssigned>();
        Assert.Equal(agent.UserId, seen.AssigneeId);
        Assert.Equal(ConversationStatus.HUMAN_HANDLING, seen.Status);

        await (await admin.Client.ActAsync(id, "assign", new { userId = other.UserId })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(agent.UserId, recorder.Of<ConversationAssigned>()[1].PreviousAssigneeId);
        Assert.Equal(other.UserId, (await recorder.SeenAtAsync<ConversationAssigned>(e => e.AssigneeId == other.UserId)).AssigneeId);

        await (await admin.Client.ActAsync(id, "return-to-bot")).ShouldBe(HttpStatusCode.OK);
        var released = recorder.Of<ConversationAssigned>()[2];
        Assert.Equal((null, other.UserId), (released.AssigneeId, released.PreviousAssigneeId));
        var afterRelease = await recorder.SeenAtAsync<ConversationAssigned>(e => e.AssigneeId is null);
        Assert.Equal((ConversationStatus.BOT_HANDLING, (Guid?)null), (afterRelease.Status, afterRelease.AssigneeId));
        Assert.Equal(3, recorder.Of<ConversationUpdated>().Count);
    }

    [Fact]
    public async Task Resolve_publishes_resolved_and_updated_after_the_conversation_is_closed()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, _, _) = await factory.SeedConversationAsync(admin.OrganizationId);
        using var recorder = new Recorder(factory, admin.OrganizationId);

        await (await admin.Client.ActAsync(id, "resolve")).ShouldBe(HttpStatusCode.OK);

        Assert.Equal(id, Assert.Single(recorder.Of<ConversationResolved>()).ConversationId);
        Assert.Single(recorder.Of<ConversationUpdated>());
        Assert.Empty(recorder.Of<ConversationAssigned>());
        var seen = await recorder.SeenAtAsync<ConversationResolved>();
        Assert.Equal((ConversationStatus.CLOSED, 0), (seen.Status, seen.UnreadCount));
    }

    [Fact]
    public async Task Tag_events_carry_the_tag_and_follow_the_commit()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, _, _) = await factory.SeedConversationAsync(admin.OrganizationId);
        var tag = await factory.CreateTagAsync(admin.OrganizationId);
        using var recorder = new Recorder(factory, admin.OrganizationId);

        await (await admin.Client.ActAsync(id, "tags", new { tagId = tag })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(tag, Assert.Single(recorder.Of<ConversationTagAdded>()).TagId);
        Assert.Equal([tag], (await recorder.SeenAtAsync<ConversationTagAdded>()).TagIds);

        await (await admin.Client.DeleteAsync(Url(id, $"tags/{tag}"))).ShouldBe(HttpStatusCode.NoContent);
        Assert.Equal(tag, Assert.Single(recorder.Of<ConversationTagRemoved>()).TagId);
        Assert.Empty((await recorder.SeenAtAsync<ConversationTagRemoved>()).TagIds);
        Assert.Equal(2, recorder.Of<ConversationUpdated>().Count);
    }

    [Fact]
    public async Task Every_other_change_publishes_conversation_updated_after_commit()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, _, _) = await factory.SeedConversationAsync(admin.OrganizationId);
        using var recorder = new Recorder(factory, admin.OrganizationId);

        await (await admin.Client.PatchAsJsonAsync(Url(id), new { category = "Returns" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Returns", (await recorder.SeenAtAsync<ConversationUpdated>()).Category);
        await (await admin.Client.ActAsync(id, "read")).ShouldBe(HttpStatusCode.OK);
        await (await admin.Client.ActAsync(id, "follow-up", new { note = "check tomorrow", dueAt = DateTimeOffset.UtcNow.AddDays(1) })).ShouldBe(HttpStatusCode.OK);
        await (await admin.Client.DeleteAsync(Url(id, "follow-up"))).ShouldBe(HttpStatusCode.NoContent);

        Assert.Equal(4, recorder.Of<ConversationUpdated>().Count);
        Assert.All(recorder.Events, e => Assert.IsType<ConversationUpdated>(e));
    }

    [Fact]
    public async Task Refused_and_unchanged_actions_publish_nothing()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, _, _) = await factory.SeedConversationAsync(admin.OrganizationId);
        var holder = await factory.MemberAsync(admin, "AGENT");
        var other = await factory.MemberAsync(admin, "AGENT");
        var tag = await factory.CreateTagAsync(admin.OrganizationId);
        await (await holder.Client.ActAsync(id, "takeover")).ShouldBe(HttpStatusCode.OK);
        await (await holder.Client.ActAsync(id, "read")).ShouldBe(HttpStatusCode.OK);
        await (await holder.Client.ActAsync(id, "tags", new { tagId = tag })).ShouldBe(HttpStatusCode.OK);
        using var recorder = new Recorder(factory, admin.OrganizationId);

        await (await other.Client.ActAsync(id, "takeover")).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
        await (await other.Client.ActAsync(id, "assign", new { userId = other.UserId })).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
        await (await other.Client.PatchAsJsonAsync(Url(id), new { status = "CLOSED" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await other.Client.ActAsync(id, "tags", new { tagId = Guid.NewGuid() })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await holder.Client.ActAsync(id, "takeover")).ShouldBe(HttpStatusCode.OK);
        await (await holder.Client.ActAsync(id, "read")).ShouldBe(HttpStatusCode.OK);
        await (await holder.Client.ActAsync(id, "tags", new { tagId = tag })).ShouldBe(HttpStatusCode.OK);
        await (await holder.Client.DeleteAsync(Url(id, "follow-up"))).ShouldBe(HttpStatusCode.NoContent);
        Assert.Empty(recorder.Events);

        // A real change afterwards is the only thing published.
        await (await holder.Client.PatchAsJsonAsync(Url(id), new { category = "marker" })).ShouldBe(HttpStatusCode.OK);
        Assert.IsType<ConversationUpdated>(Assert.Single(recorder.Events));
    }

    [Fact]
    public async Task The_losing_side_of_an_assignment_race_publishes_nothing()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, _, _) = await factory.SeedConversationAsync(admin.OrganizationId);
        var winner = await factory.MemberAsync(admin, "AGENT");
        var loser = await factory.MemberAsync(admin, "AGENT");
        using var recorder = new Recorder(factory, admin.OrganizationId);

        factory.BeforeNextActionSave(id, async () =>
            await (await winner.Client.ActAsync(id, "assign", new { userId = winner.UserId })).ShouldBe(HttpStatusCode.OK));
        await (await loser.Client.ActAsync(id, "takeover")).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");

        var assigned = Assert.Single(recorder.Of<ConversationAssigned>());
        Assert.Equal(winner.UserId, assigned.AssigneeId);
        Assert.Single(recorder.Of<ConversationUpdated>());
        Assert.Equal(2, recorder.Events.Count);
    }

    [Fact]
    public async Task An_action_retried_after_an_inbound_message_publishes_once_after_its_commit()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, metaId, waId) = await factory.SeedConversationAsync(admin.OrganizationId);
        var agent = await factory.MemberAsync(admin, "AGENT");
        using var recorder = new Recorder(factory, admin.OrganizationId);

        factory.BeforeNextActionSave(id, () => factory.InboundTextAsync(metaId, waId, "wait, one more", DateTimeOffset.UtcNow));
        await (await agent.Client.ActAsync(id, "takeover")).ShouldBe(HttpStatusCode.OK);

        Assert.Single(recorder.Of<MessageReceived>());
        Assert.Equal(agent.UserId, Assert.Single(recorder.Of<ConversationAssigned>()).AssigneeId);
        var seen = await recorder.SeenAtAsync<ConversationAssigned>();
        Assert.Equal((agent.UserId, 2), (seen.AssigneeId, seen.UnreadCount));
    }
}
