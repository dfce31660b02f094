using System.Net;
using System.Net.Http.Json;
using InboxApp.Core.Common;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InboxApp.Tests.Conversations;

/// <summary>
/// The real app whose database contexts can run something just before an action saves a conversation: another agent's
/// request, or an inbound message through the webhook. That makes "lost the race" deterministic instead of hoped for.
/// </summary>
public sealed class InterleavingAppFactory : InboxAppFactory
{
    private readonly BeforeActionSave hook = new();
    private readonly AfterInboundRead inboundHook = new();

    /// <summary>Runs <paramref name="interleave"/> once, just before the next save that changes <paramref name="conversationId"/> without storing a message.</summary>
    public void BeforeNextActionSave(Guid conversationId, Func<Task> interleave) => hook.Arm(conversationId, interleave, inbound: false);

    /// <summary>
    /// Runs <paramref name="interleave"/> once, after the inbound processor next reads the conversations it will update and
    /// before it saves: what it read is then stale. (On SQLite the processor writes conversations through prepared statements
    /// inside the write lane, so the moment to interleave is its read, not its save.)
    /// </summary>
    public void BeforeNextInboundSave(Guid conversationId, Func<Task> interleave) => inboundHook.Arm(interleave);

    /// <summary>How many times an armed interleaving ran.</summary>
    public int Interleavings => hook.Runs + inboundHook.Runs;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton(sp => new InboxDb(Contexts(sp), sp.GetRequiredService<Core.Events.EventDispatcher>())));
    }

    /// <summary>The same contexts the app builds (see <c>InboxDbContextBuilder</c>), plus <see cref="hook"/>.</summary>
    private Func<InboxDbContext> Contexts(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var configured = sp.GetRequiredService<IConfiguration>().GetConnectionString("Inbox");
        if (options.Provider == DatabaseProvider.Postgres)
        {
            var pg = new DbContextOptionsBuilder<PostgresInboxDbContext>().UseNpgsql(configured).AddInterceptors(hook, inboundHook).Options;
            return () => new PostgresInboxDbContext(pg);
        }
        var dataDirectory = sp.GetRequiredService<AppPaths>().DataDirectory;
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=inbox.db" : configured);
        if (!Path.IsPathRooted(builder.DataSource)) builder.DataSource = Path.Combine(dataDirectory, builder.DataSource);
        var cs = SqliteConnectionStrings.WithDefaults(builder.ToString(), options.SqliteBusyTimeoutMs);
        // As InboxDbContextBuilder does, write lane included: without it this host's writers met at SQLite's lock and a
        // webhook delivery could fail with "database is locked" under load (the message then missing after the drain).
        var sqlite = new DbContextOptionsBuilder<SqliteInboxDbContext>()
            .UseSqlite(cs, o => o.MigrationsAssembly(typeof(InboxDb).Assembly.FullName))
            .AddInterceptors(new SqliteConnectionInterceptor(options.SqliteBusyTimeoutMs, SqliteWebhookSpool.PathFor(cs)), hook, inboundHook)
            // After the hooks: an interleaving runs (and saves through the lane) before this save queues for the lane.
            .AddInterceptors(SqliteWriteLaneInterceptor.For(cs, options.SqliteBusyTimeoutMs))
            .Options;
        return () => new SqliteInboxDbContext(sqlite);
    }

    private sealed class BeforeActionSave : SaveChangesInterceptor
    {
        private sealed record Armed(Guid ConversationId, Func<Task> Interleave, bool Inbound);

        private Armed? armed;
        private int runs;

        public int Runs => Volatile.Read(ref runs);

        public void Arm(Guid conversationId, Func<Task> interleave, bool inbound) => Volatile.Write(ref armed, new Armed(conversationId, interleave, inbound));

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            var current = Volatile.Read(ref armed);
            if (current is not null && eventData.Context is { } context
                // An inbound message moves the conversation's last message time (the message itself may be inserted after this save, on SQLite).
                && context.ChangeTracker.Entries<Conversation>().Any(e => e.State == EntityState.Modified && e.Entity.Id == current.ConversationId
                    && e.Property(c => c.LastMessageAt).IsModified == current.Inbound)
                && Interlocked.CompareExchange(ref armed, null, current) == current)
            {
                await current.Interleave();
                Interlocked.Increment(ref runs);
            }
            return result;
        }
    }
}

/// <summary>After the next query that reads conversations (the inbound processor's preload), runs the interleaving once.</summary>
internal sealed class AfterInboundRead : DbCommandInterceptor
{
    private Func<Task>? armed;
    private int runs;

    public int Runs => Volatile.Read(ref runs);

    public void Arm(Func<Task> interleave) => Volatile.Write(ref armed, interleave);

    public override async ValueTask<System.Data.Common.DbDataReader> ReaderExecutedAsync(System.Data.Common.DbCommand command, CommandExecutedEventData eventData,
        System.Data.Common.DbDataReader result, CancellationToken cancellationToken = default)
    {
        var current = Volatile.Read(ref armed);
        if (current is not null && command.CommandText.Contains("FROM \"Conversations\"", StringComparison.Ordinal)
            && command.CommandText.Contains("WHERE", StringComparison.Ordinal) && command.CommandText.Contains("\"ResolvedAt\" >", StringComparison.Ordinal)
            && Interlocked.CompareExchange(ref armed, null, current) == current)
        {
            await current();
            Interlocked.Increment(ref runs);
        }
        return result;
    }
}

public sealed class ConversationAssignmentRaceTests(InterleavingAppFactory factory) : IClassFixture<InterleavingAppFactory>
{
    private const int Rounds = 8;

    /// <summary>Fires both requests at once (released together) and returns their responses in the same order.</summary>
    private static async Task<HttpResponseMessage[]> TogetherAsync(params Func<Task<HttpResponseMessage>>[] requests)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = requests.Select(async r =>
        {
            await go.Task;
            return await r();
        }).ToArray();
        go.SetResult();
        return await Task.WhenAll(tasks);
    }

    /// <summary>Exactly one 200 and one 409 CONFLICT that names the winner, who is the stored assignee.</summary>
    private async Task AssertOneWinnerAsync(Guid conversationId, HttpResponseMessage[] responses, SignedIn[] agents)
    {
        var statuses = responses.Select(r => r.StatusCode).OrderBy(s => s).ToArray();
        Assert.True(statuses.SequenceEqual([HttpStatusCode.OK, HttpStatusCode.Conflict]),
            $"expected one 200 and one 409, got {string.Join(", ", statuses)}: {string.Join(" | ", await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync())))}");
        var winner = responses[0].StatusCode == HttpStatusCode.OK ? agents[0] : agents[1];
        var loser = responses[0].StatusCode == HttpStatusCode.OK ? responses[1] : responses[0];
        var error = await loser.ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
        Assert.Contains(await factory.NameOfAsync(winner.UserId), error.GetProperty("message").GetString());
        Assert.Equal(winner.UserId, (await factory.StoredAsync(conversationId)).AssigneeId);
    }

    [Fact]
    public async Task Two_agents_assigning_themselves_at_once_give_exactly_one_200_and_one_409_naming_the_winner()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agents = new[] { await factory.MemberAsync(admin, "AGENT", "Gil Racer"), await factory.MemberAsync(admin, "AGENT", "Hana Racer") };
        var (_, metaId, _) = await factory.SeedConversationAsync(admin.OrganizationId);
        for (var round = 0; round < Rounds; round++)
        {
            var (id, _, _) = await factory.InboundTextAsync(metaId, MessagingTestData.NewWaId());
            var responses = await TogetherAsync(
                () => agents[0].Client.ActAsync(id, "assign", new { userId = agents[0].UserId }),
                () => agents[1].Client.ActAsync(id, "assign", new { userId = agents[1].UserId }));
            await AssertOneWinnerAsync(id, responses, agents);
        }
    }

    [Fact]
    public async Task Two_agents_taking_over_at_once_give_exactly_one_200_and_one_409_naming_the_winner()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agents = new[] { await factory.MemberAsync(admin, "AGENT", "Ivo Racer"), await factory.MemberAsync(admin, "AGENT", "Jo Racer") };
        var (_, metaId, _) = await factory.SeedConversationAsync(admin.OrganizationId);
        for (var round = 0; round < Rounds; round++)
        {
            var (id, _, _) = await factory.InboundTextAsync(metaId, MessagingTestData.NewWaId());
            await (await admin.Client.PatchAsJsonAsync($"/api/v1/conversations/{id}", new { status = "BOT_HANDLING" })).ShouldBe(HttpStatusCode.OK);
            var responses = await TogetherAsync(
                () => agents[0].Client.ActAsync(id, "takeover"),
                () => agents[1].Client.ActAsync(id, round % 2 == 0 ? "takeover" : "assign", new { userId = agents[1].UserId }));
            await AssertOneWinnerAsync(id, responses, agents);
            Assert.Equal(ConversationStatus.HUMAN_HANDLING, (await factory.StoredAsync(id)).Status);
        }
    }

    [Fact]
    public async Task An_assignment_that_loses_the_race_to_another_assignment_gets_409_even_for_a_supervisor()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, _, _) = await factory.SeedConversationAsync(admin.OrganizationId);
        var agent = await factory.MemberAsync(admin, "AGENT", "Kai Quick");
        var supervisor = await factory.MemberAsync(admin, "SUPERVISOR");
        var before = factory.Interleavings;

        // Both read the conversation unassigned; the agent's assignment commits just before the supervisor's save.
        factory.BeforeNextActionSave(id, async () =>
            await (await agent.Client.ActAsync(id, "assign", new { userId = agent.UserId })).ShouldBe(HttpStatusCode.OK));
        var error = await (await supervisor.Client.ActAsync(id, "takeover")).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");

        Assert.Equal(before + 1, factory.Interleavings);
        Assert.Contains("Kai Quick", error.GetProperty("message").GetString());
        Assert.Equal(agent.UserId, (await factory.StoredAsync(id)).AssigneeId);
    }

    [Fact]
    public async Task An_inbound_message_that_loses_the_race_to_an_agent_is_applied_at_once_without_a_retry_of_the_delivery()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, metaId, waId) = await factory.SeedConversationAsync(admin.OrganizationId);
        var agent = await factory.MemberAsync(admin, "AGENT");
        var before = factory.Interleavings;

        // The processor has read the conversation; the agent's takeover commits before the processor saves.
        factory.BeforeNextInboundSave(id, async () => await (await agent.Client.ActAsync(id, "takeover")).ShouldBe(HttpStatusCode.OK));
        await factory.InboundTextAsync(metaId, waId, "Are you still there?", DateTimeOffset.UtcNow);

        Assert.Equal(before + 1, factory.Interleavings);
        var stored = await factory.StoredAsync(id);
        Assert.Equal(agent.UserId, stored.AssigneeId);
        Assert.Equal("Are you still there?", stored.LastMessagePreview);
        await using var db = factory.SystemDb();
        var delivery = await db.WebhookDeliveries.Where(d => d.Payload.Contains("Are you still there?")).SingleAsync();
        Assert.Equal(1, delivery.Attempts);
        Assert.Null(delivery.Error);
    }

    [Fact]
    public async Task An_action_that_loses_the_race_to_an_inbound_message_is_retried_and_keeps_the_message()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, metaId, waId) = await factory.SeedConversationAsync(admin.OrganizationId);
        var agent = await factory.MemberAsync(admin, "AGENT");
        var before = factory.Interleavings;

        factory.BeforeNextActionSave(id, () => factory.InboundTextAsync(metaId, waId, "One more thing", DateTimeOffset.UtcNow));
        var response = await agent.Client.ActAsync(id, "takeover");

        await response.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(before + 1, factory.Interleavings);
        var stored = await factory.StoredAsync(id);
        Assert.Equal(agent.UserId, stored.AssigneeId);
        Assert.Equal(ConversationStatus.HUMAN_HANDLING, stored.Status);
        Assert.Equal(2, stored.UnreadCount);
        Assert.Equal("One more thing", stored.LastMessagePreview);
        var data = await response.Data();
        Assert.Equal(2, data.GetProperty("unreadCount").GetInt32());

        // The same for an action that writes the counter the inbound message increments.
        factory.BeforeNextActionSave(id, () => factory.InboundTextAsync(metaId, waId, "Still there?", DateTimeOffset.UtcNow));
        await (await agent.Client.ActAsync(id, "read")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(before + 2, factory.Interleavings);
        stored = await factory.StoredAsync(id);
        Assert.Equal(0, stored.UnreadCount);
        Assert.Equal("Still there?", stored.LastMessagePreview);
    }

    [Fact]
    public async Task Adding_a_tag_that_loses_the_race_to_the_same_tag_is_retried_and_stays_single()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, _, _) = await factory.SeedConversationAsync(admin.OrganizationId);
        var tag = await factory.CreateTagAsync(admin.OrganizationId);
        var agent = await factory.MemberAsync(admin, "AGENT");
        var before = factory.Interleavings;

        factory.BeforeNextActionSave(id, async () => await (await admin.Client.ActAsync(id, "tags", new { tagId = tag })).ShouldBe(HttpStatusCode.OK));
        await (await agent.Client.ActAsync(id, "tags", new { tagId = tag })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(before + 1, factory.Interleavings);

        await using var db = factory.SystemDb();
        Assert.Equal(1, await db.ConversationTags.CountAsync(t => t.ConversationId == id && t.TagId == tag));
    }
}
