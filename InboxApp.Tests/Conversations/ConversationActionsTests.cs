using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Tags;
using InboxApp.Core.Teams;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Conversations;

/// <summary>Test data for the conversation actions: members with distinct names, API keys, tags, teams, conversations from real webhooks.</summary>
public static class ConversationActionsTestData
{
    /// <summary>A number of the organization and one customer's conversation on it, through the signed inbound webhook.</summary>
    public static async Task<(Guid ConversationId, string MetaId, string WaId)> SeedConversationAsync(this InboxAppFactory factory, Guid organizationId)
    {
        var (_, _, metaId) = await factory.SeedNumberAsync(organizationId);
        var waId = MessagingTestData.NewWaId();
        var (conversationId, _, _) = await factory.InboundTextAsync(metaId, waId);
        return (conversationId, metaId, waId);
    }

    /// <summary>A member with a name of their own (so that a 409 naming the holder can be told apart), signed in.</summary>
    public static Task<SignedIn> MemberAsync(this InboxAppFactory factory, SignedIn admin, string role, string? name = null) =>
        factory.AddMemberAsync(admin, role, name: name ?? $"{role} {Guid.NewGuid().ToString("N")[..6]}");

    public static async Task<string> NameOfAsync(this InboxAppFactory factory, Guid userId)
    {
        await using var db = factory.SystemDb();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.Name).SingleAsync();
    }

    public static async Task<HttpClient> ApiKeyClientAsync(this InboxAppFactory factory, SignedIn admin)
    {
        var response = await admin.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "partner " + Guid.NewGuid().ToString("N")[..6] });
        await response.ShouldBe(HttpStatusCode.Created);
        return factory.CreateClient().WithBearer((await response.Data()).GetProperty("key").GetString()!);
    }

    public static async Task<Guid> CreateTagAsync(this InboxAppFactory factory, Guid organizationId, string? name = null)
    {
        var tagName = name ?? "tag-" + Guid.NewGuid().ToString("N")[..8];
        await using var db = factory.Services.GetRequiredService<InboxDb>().For(organizationId);
        var tag = new Tag { Name = tagName, NormalizedName = tagName.ToLowerInvariant(), Color = "#1e88e5", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        db.Tags.Add(tag);
        await db.SaveChangesAsync();
        return tag.Id;
    }

    public static async Task<Guid> CreateTeamAsync(this InboxAppFactory factory, Guid organizationId, bool active = true)
    {
        var teamName = "Team " + Guid.NewGuid().ToString("N")[..8];
        await using var db = factory.Services.GetRequiredService<InboxDb>().For(organizationId);
        var team = new Team { Name = teamName, NormalizedName = teamName.ToLowerInvariant(), IsActive = active, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return team.Id;
    }

    public static async Task<Conversation> StoredAsync(this InboxAppFactory factory, Guid conversationId)
    {
        await using var db = factory.SystemDb();
        return await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == conversationId);
    }

    public static Task<HttpResponseMessage> ActAsync(this HttpClient client, Guid conversationId, string action, object? body = null) =>
        client.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/{action}", body ?? new { });

    public static Guid? AssigneeId(this JsonElement conversation) =>
        conversation.TryGetProperty("assignee", out var a) ? a.GetProperty("id").GetGuid() : null;
}

[Collection(SharedApp.Second)]
public sealed class ConversationActionsTests(NoJobsAppFactory factory)
{
    private static string Url(Guid id, string action = "") => $"/api/v1/conversations/{id}{(action.Length == 0 ? "" : "/" + action)}";

    [Fact]
    public async Task Members_and_api_keys_read_a_conversation_as_the_shared_dto()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, _, waId) = await factory.SeedConversationAsync(admin.OrganizationId);
        var agent = await factory.MemberAsync(admin, "AGENT");
        var key = await factory.ApiKeyClientAsync(admin);

        foreach (var client in new[] { admin.Client, agent.Client, key })
        {
            var response = await client.GetAsync(Url(id));
            await response.ShouldBe(HttpStatusCode.OK);
            var data = await response.Data();
            Assert.Equal(id, data.GetProperty("id").GetGuid());
            Assert.Equal("OPEN", data.GetProperty("status").GetString());
            Assert.Equal(waId, data.GetProperty("contact").GetProperty("waId").GetString());
            Assert.Equal(1, data.GetProperty("unreadCount").GetInt32());
            Assert.True(data.GetProperty("windowOpen").GetBoolean());
        }
        await (await factory.CreateClient().GetAsync(Url(id))).ShouldBe(HttpStatusCode.Unauthorized);
        await (await admin.Client.GetAsync(Url(Guid.NewGuid()))).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Another_organizations_conversation_is_not_found_by_every_endpoint()
    {
        var other = await factory.RegisterOrganizationAsync();
        var (foreign, _, _) = await factory.SeedConversationAsync(other.OrganizationId);
        var tagOfOther = await factory.CreateTagAsync(other.OrganizationId);
        await (await other.Client.ActAsync(foreign, "tags", new { tagId = tagOfOther })).ShouldBe(HttpStatusCode.OK);
        var admin = await factory.RegisterOrganizationAsync();
        var tag = await factory.CreateTagAsync(admin.OrganizationId);

        var requests = new List<Func<Task<HttpResponseMessage>>>
        {
            () => admin.Client.GetAsync(Url(foreign)),
            () => admin.Client.PatchAsJsonAsync(Url(foreign), new { category = "billing" }),
            () => admin.Client.ActAsync(foreign, "takeover"),
            () => admin.Client.ActAsync(foreign, "return-to-bot"),
            () => admin.Client.ActAsync(foreign, "assign", new { userId = admin.UserId }),
            () => admin.Client.ActAsync(foreign, "unassign"),
            () => admin.Client.ActAsync(foreign, "resolve"),
            () => admin.Client.ActAsync(foreign, "read"),
            () => admin.Client.ActAsync(foreign, "follow-up", new { note = "call back", dueAt = DateTimeOffset.UtcNow.AddDays(1) }),
            () => admin.Client.DeleteAsync(Url(foreign, "follow-up")),
            () => admin.Client.ActAsync(foreign, "tags", new { tagId = tag }),
            () => admin.Client.DeleteAsync(Url(foreign, $"tags/{tagOfOther}")),
            () => admin.Client.GetAsync(Url(foreign, "contact-history")),
            () => admin.Client.GetAsync(Url(foreign, "messages")),
        };
        foreach (var request in requests) await (await request()).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");

        var stored = await factory.StoredAsync(foreign);
        Assert.Equal(ConversationStatus.OPEN, stored.Status);
        Assert.Null(stored.AssigneeId);
        Assert.Equal(1, stored.UnreadCount);
        await using var db = factory.SystemDb();
        Assert.Equal(1, await db.ConversationTags.CountAsync(t => t.ConversationId == foreign));
    }

    [Fact]
    public async Task Patch_sets_status_category_and_team_and_null_clears_category_and_team()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, _, _) = await factory.SeedConversationAsync(admin.OrganizationId);
        var agent = await factory.MemberAsync(admin, "AGENT");
        var team = await factory.CreateTeamAsync(admin.OrganizationId);

        var response = await agent.Client.PatchAsJsonAsync(Url(id), new { status = "WAITING_FOR_CUSTOMER", category = "  Billing  ", teamId = team });
        await response.ShouldBe(HttpStatusCode.OK);
        var data = await response.Data();
        Assert.Equal("WAITING_FOR_CUSTOMER", data.GetProperty("status").GetString());
        Assert.Equal("Billing", data.GetProperty("category").GetString());
        Assert.Equal(team, data.GetProperty("team").GetProperty("id").GetGuid());

        // Absent fields stay; null clears.
        data = await (await agent.Client.PatchRawJsonAsync(Url(id), """{ "category": null }""")).Data();
        Assert.False(data.TryGetProperty("category", out _));
        Assert.Equal(team, data.GetProperty("team").GetProperty("id").GetGuid());
        Assert.Equal("WAITING_FOR_CUSTOMER", data.GetProperty("status").GetString());
        data = await (await agent.Client.PatchRawJsonAsync(Url(id), """{ "teamId": null }""")).Data();
        Assert.False(data.TryGetProperty("team", out _));

        var stored = await factory.StoredAsync(id);
        Assert.Null(stored.Category);
        Assert.Null(stored.TeamId);
        Assert.Equal(ConversationStatus.WAITING_FOR_CUSTOMER, stored.Status);
    }

    [Fact]
    public async Task Patch_refuses_closing_bad_values_and_teams_that_are_inactive_or_not_the_organizations()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, _, _) = await factory.SeedConversationAsync(admin.OrganizationId);
        var inactive = await factory.CreateTeamAsync(admin.OrganizationId, active: false);
        var other = await factory.RegisterOrganizationAsync();
        var foreignTeam = await factory.CreateTeamAsync(other.OrganizationId);

        async Task Invalid(string json, string field)
        {
            var error = await (await admin.Client.PatchRawJsonAsync(Url(id), json)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            if (field.Length > 0) Assert.True(error.GetProperty("details").TryGetProperty(field, out _), $"{json} should fail on {field}: {error}");
        }
        await Invalid("""{ "status": "CLOSED" }""", "status");
        await Invalid("""{ "status": null }""", "status");
        await Invalid("""{ "status": "SLEEPING" }""", "");
        await Invalid("""{ "category": "" }""", "category");
        await Invalid($$"""{ "category": "{{new string('c', 101)}}" }""", "category");
        await Invalid("""{ }""", "body");
        await Invalid($$"""{ "teamId": "{{inactive}}" }""", "teamId");
        await (await admin.Client.PatchRawJsonAsync(Url(id), $$"""{ "teamId": "{{foreignTeam}}" }""")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PatchRawJsonAsync(Url(id), $$"""{ "teamId": "{{Guid.NewGuid()}}" }""")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");

        var stored = await factory.StoredAsync(id);
        Assert.Equal(ConversationStatus.OPEN, stored.Status);
        Assert.Null(stored.Category);
        Assert.Null(stored.TeamId);
    }

    [Fact]
    public async Task Agent_takes_over_and_cannot_take_a_conversation_another_agent_holds_while_supervisors_and_admins_can()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, _, _) = await factory.SeedConversationAsync(admin.OrganizationId);
        var ana = await factory.MemberAsync(admin, "AGENT", "Ana Holder");
        var bruno = await factory.MemberAsync(admin, "AGENT", "Bruno Late");
        var supervisor = await factory.MemberAsync(admin, "SUPERVISOR");
        await (await admin.Client.PatchAsJsonAsync(Url(id), new { status = "BOT_HANDLING" })).ShouldBe(HttpStatusCode.OK);

        var response = await ana.Client.ActAsync(id, "takeover");
        await response.ShouldBe(HttpStatusCode.OK);
        var data = await response.Data();
        Assert.Equal(ana.UserId, data.AssigneeId());
        Assert.Equal("Ana Holder", data.GetProperty("assignee").GetProperty("name").GetString());
        Assert.Equal("HUMAN_HANDLING", data.GetProperty("status").GetString());
        // Taking over again is harmless.
        await (await ana.Client.ActAsync(id, "takeover")).ShouldBe(HttpStatusCode.OK);

        var error = await (await bruno.Client.ActAsync(id, "takeover")).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
        Assert.Contains("Ana Holder", error.GetProperty("message").GetString());
        Assert.Equal(ana.UserId, (await factory.StoredAsync(id)).AssigneeId);

        Assert.Equal(supervisor.UserId, (await (await supervisor.Client.ActAsync(id, "takeover")).Data()).AssigneeId());
        Assert.Equal(admin.UserId, (await (await admin.Client.ActAsync(id, "takeover")).Data()).AssigneeId());
        Assert.Equal(admin.UserId, (await factory.StoredAsync(id)).AssigneeId);

        // An API key is not a person: it cannot become the assignee.
        var key = await factory.ApiKeyClientAsync(admin);
        await (await key.ActAsync(id, "takeover")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task Return_to_bot_keeps_the_handoff_summary_and_clears_the_assignee_with_or_without_a_body()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, _, _) = await factory.SeedConversationAsync(admin.OrganizationId);
        var agent = await factory.MemberAsync(admin, "AGENT");
        await (await agent.Client.ActAsync(id, "takeover")).ShouldBe(HttpStatusCode.OK);

        var response = await agent.Client.ActAsync(id, "return-to-bot", new { handoffSummary = "  Wants a refund for order 1234; already verified.  " });
        await response.ShouldBe(HttpStatusCode.OK);
        var data = await response.Data();
        Assert.Equal("BOT_HANDLING", data.GetProperty("status").GetString());
        Assert.Null(data.AssigneeId());
        Assert.Equal("Wants a refund for order 1234; already verified.", data.GetProperty("handoffSummary").GetString());
        var stored = await factory.StoredAsync(id);
        Assert.Equal("Wants a refund for order 1234; already verified.", stored.HandoffSummary);
        Assert.Null(stored.AssigneeId);

        await (await agent.Client.ActAsync(id, "takeover")).ShouldBe(HttpStatusCode.OK);
        await (await agent.Client.PostAsync(Url(id, "return-to-bot"), null)).ShouldBe(HttpStatusCode.OK);
        Assert.Null((await factory.StoredAsync(id)).HandoffSummary);
        await (await agent.Client.ActAsync(id, "return-to-bot")).ShouldBe(HttpStatusCode.OK);

        var error = await (await agent.Client.ActAsync(id, "return-to-bot", new { handoffSummary = new string('s', 4001) }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("handoffSummary", out _));
    }

    [Fact]
    public async Task Agents_cannot_return_to_the_bot_a_conversation_another_agent_holds_but_supervisors_can()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, _, _) = await factory.SeedConversationAsync(admin.OrganizationId);
        var holder = await factory.MemberAsync(admin, "AGENT", "Carla Holder");
        var other = await factory.MemberAsync(admin, "AGENT");
        var supervisor = await factory.MemberAsync(admin, "SUPERVISOR");
        await (await holder.Client.ActAsync(id, "takeover")).ShouldBe(HttpStatusCode.OK);

        var error = await (await other.Client.ActAsync(id, "return-to-bot")).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
        Assert.Contains("Carla Holder", error.GetProperty("message").GetString());
        Assert.Equal(ConversationStatus.HUMAN_HANDLING, (await factory.StoredAsync(id)).Status);

        await (await supervisor.Client.ActAsync(id, "return-to-bot")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(ConversationStatus.BOT_HANDLING, (await factory.StoredAsync(id)).Status);
    }

    [Fact]
    public async Task Agents_assign_only_themselves_and_only_when_nobody_else_holds_the_conversation()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, _, _) = await factory.SeedConversationAsync(admin.OrganizationId);
        var dora = await factory.MemberAsync(admin, "AGENT", "Dora First");
        var eli = await factory.MemberAsync(admin, "AGENT", "Eli Second");

        await (await dora.Client.ActAsync(id, "assign", new { userId = eli.UserId })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        var response = await dora.Client.ActAsync(id, "assign", new { userId = dora.UserId });
        await response.ShouldBe(HttpStatusCode.OK);
        var data = await response.Data();
        Assert.Equal(dora.UserId, data.AssigneeId());
        Assert.Equal("HUMAN_HANDLING", data.GetProperty("status").GetString());
        // Already hers: fine again.
        await (await dora.Client.ActAsync(id, "assign", new { userId = dora.UserId })).ShouldBe(HttpStatusCode.OK);

        var error = await (await eli.Client.ActAsync(id, "assign", new { userId = eli.UserId })).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
        Assert.Contains("Dora First", error.GetProperty("message").GetString());
        Assert.Equal(dora.UserId, (await factory.StoredAsync(id)).AssigneeId);
    }

    [Fact]
    public async Task Supervisors_admins_and_api_keys_assign_to_any_active_member()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, _, _) = await factory.SeedConversationAsync(admin.OrganizationId);
        var first = await factory.MemberAsync(admin, "AGENT");
        var second = await factory.MemberAsync(admin, "AGENT");
        var supervisor = await factory.MemberAsync(admin, "SUPERVISOR");
        var key = await factory.ApiKeyClientAsync(admin);

        Assert.Equal(first.UserId, (await (await supervisor.Client.ActAsync(id, "assign", new { userId = first.UserId })).Data()).AssigneeId());
        Assert.Equal(second.UserId, (await (await admin.Client.ActAsync(id, "assign", new { userId = second.UserId })).Data()).AssigneeId());
        Assert.Equal(supervisor.UserId, (await (await key.ActAsync(id, "assign", new { userId = supervisor.UserId })).Data()).AssigneeId());
        Assert.Equal(supervisor.UserId, (await factory.StoredAsync(id)).AssigneeId);
    }

    [Fact]
    public async Task Assigning_to_unknown_foreign_inactive_or_super_admin_users_is_refused()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, _, _) = await factory.SeedConversationAsync(admin.OrganizationId);
        var inactive = await factory.MemberAsync(admin, "AGENT");
        await (await admin.Client.PatchAsJsonAsync($"/api/v1/users/{inactive.UserId}", new { isActive = false })).ShouldBe(HttpStatusCode.OK);
        var other = await factory.RegisterOrganizationAsync();
        var root = await factory.LoginAsync(InboxAppFactory.SuperAdminEmail, InboxAppFactory.SuperAdminPassword);

        var missing = await (await admin.Client.ActAsync(id, "assign", new { })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(missing.GetProperty("details").TryGetProperty("userId", out _));
        await (await admin.Client.PostRawJsonAsync(Url(id, "assign"), """{ "userId": "not-a-guid" }""")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.ActAsync(id, "assign", new { userId = Guid.NewGuid() })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.ActAsync(id, "assign", new { userId = other.UserId })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.ActAsync(id, "assign", new { userId = root.UserId })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        var error = await (await admin.Client.ActAsync(id, "assign", new { userId = inactive.UserId })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("userId", out _));
        Assert.Null((await factory.StoredAsync(id)).AssigneeId);
    }

    [Fact]
    public async Task Unassign_is_for_the_assignee_or_a_supervisor_and_reopens_the_conversation_for_others()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, _, _) = await factory.SeedConversationAsync(admin.OrganizationId);
        var holder = await factory.MemberAsync(admin, "AGENT", "Fay Holder");
        var other = await factory.MemberAsync(admin, "AGENT");
        var supervisor = await factory.MemberAsync(admin, "SUPERVISOR");

        await (await holder.Client.ActAsync(id, "takeover")).ShouldBe(HttpStatusCode.OK);
        var error = await (await other.Client.ActAsync(id, "unassign")).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
        Assert.Contains("Fay Holder", error.GetProperty("message").GetString());
        var data = await (await holder.Client.ActAsync(id, "unassign")).Data();
        Assert.Null(data.AssigneeId());
        Assert.Equal("OPEN", data.GetProperty("status").GetString());
        // Nothing to release: still fine.
        await (await other.Client.ActAsync(id, "unassign")).ShouldBe(HttpStatusCode.OK);

        await (await holder.Client.ActAsync(id, "takeover")).ShouldBe(HttpStatusCode.OK);
        await (await supervisor.Client.ActAsync(id, "unassign")).ShouldBe(HttpStatusCode.OK);
        await (await holder.Client.ActAsync(id, "takeover")).ShouldBe(HttpStatusCode.OK);
        await (await (await factory.ApiKeyClientAsync(admin)).ActAsync(id, "unassign")).ShouldBe(HttpStatusCode.OK);
        var stored = await factory.StoredAsync(id);
        Assert.Null(stored.AssigneeId);
        Assert.Equal(ConversationStatus.OPEN, stored.Status);
    }

    [Fact]
    public async Task Resolve_closes_and_read_clears_the_unread_count_and_patch_can_reopen()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, metaId, waId) = await factory.SeedConversationAsync(admin.OrganizationId);
        var agent = await factory.MemberAsync(admin, "AGENT");
        await factory.InboundTextAsync(metaId, waId, "Anyone there?");
        Assert.Equal(2, (await factory.StoredAsync(id)).UnreadCount);

        var data = await (await agent.Client.ActAsync(id, "read")).Data();
        Assert.Equal(0, data.GetProperty("unreadCount").GetInt32());
        Assert.Equal(0, (await factory.StoredAsync(id)).UnreadCount);
        Assert.Equal(ConversationStatus.OPEN, (await factory.StoredAsync(id)).Status);

        await factory.InboundTextAsync(metaId, waId, "Hello?");
        data = await (await agent.Client.ActAsync(id, "resolve")).Data();
        Assert.Equal("CLOSED", data.GetProperty("status").GetString());
        Assert.Equal(0, data.GetProperty("unreadCount").GetInt32());
        var stored = await factory.StoredAsync(id);
        Assert.Equal(ConversationStatus.CLOSED, stored.Status);
        Assert.NotNull(stored.ResolvedAt);
        Assert.Null(stored.WaitingSince);
        await (await agent.Client.ActAsync(id, "resolve")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(stored.ResolvedAt, (await factory.StoredAsync(id)).ResolvedAt);

        await (await agent.Client.PatchAsJsonAsync(Url(id), new { status = "OPEN" })).ShouldBe(HttpStatusCode.OK);
        stored = await factory.StoredAsync(id);
        Assert.Equal(ConversationStatus.OPEN, stored.Status);
        Assert.Null(stored.ResolvedAt);
    }

    [Fact]
    public async Task Follow_up_is_set_with_a_future_time_and_an_optional_note_and_removed()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, _, _) = await factory.SeedConversationAsync(admin.OrganizationId);
        var agent = await factory.MemberAsync(admin, "AGENT");
        var due = DateTimeOffset.UtcNow.AddDays(1);

        var data = await (await agent.Client.ActAsync(id, "follow-up", new { note = "Call back about the invoice", dueAt = due })).Data();
        var followUp = data.GetProperty("followUp");
        Assert.Equal("Call back about the invoice", followUp.GetProperty("note").GetString());
        Assert.Equal(agent.UserId, followUp.GetProperty("setById").GetGuid());
        var stored = await factory.StoredAsync(id);
        Assert.Equal("Call back about the invoice", stored.FollowUpNote);
        Assert.Equal(due.ToUnixTimeSeconds(), stored.FollowUpDueAt!.Value.ToUnixTimeSeconds());
        Assert.Equal(agent.UserId, stored.FollowUpById);

        // A new follow-up replaces the previous one; the note is optional.
        var later = DateTimeOffset.UtcNow.AddDays(2);
        data = await (await agent.Client.ActAsync(id, "follow-up", new { dueAt = later })).Data();
        Assert.False(data.GetProperty("followUp").TryGetProperty("note", out _));
        data = await (await agent.Client.ActAsync(id, "follow-up", new { note = "Only a note", dueAt = later })).Data();
        Assert.True(data.GetProperty("followUp").TryGetProperty("dueAt", out _));

        async Task Invalid(object body, string field)
        {
            var error = await (await agent.Client.ActAsync(id, "follow-up", body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            Assert.True(error.GetProperty("details").TryGetProperty(field, out _), $"should fail on {field}: {error}");
        }
        // A follow-up without a due time is never due: the time is required.
        await Invalid(new { }, "dueAt");
        await Invalid(new { note = "Only a note" }, "dueAt");
        await Invalid(new { note = new string('n', 1001), dueAt = later }, "note");
        await Invalid(new { dueAt = DateTimeOffset.UtcNow.AddMinutes(-5) }, "dueAt");
        Assert.Equal("Only a note", (await factory.StoredAsync(id)).FollowUpNote);

        await (await agent.Client.DeleteAsync(Url(id, "follow-up"))).ShouldBe(HttpStatusCode.NoContent);
        await (await agent.Client.DeleteAsync(Url(id, "follow-up"))).ShouldBe(HttpStatusCode.NoContent);
        stored = await factory.StoredAsync(id);
        Assert.Null(stored.FollowUpNote);
        Assert.Null(stored.FollowUpDueAt);
        Assert.Null(stored.FollowUpById);
        Assert.False((await (await agent.Client.GetAsync(Url(id))).Data()).TryGetProperty("followUp", out _));
    }

    [Fact]
    public async Task Tags_are_added_once_and_removed_and_only_the_organizations_own()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, _, _) = await factory.SeedConversationAsync(admin.OrganizationId);
        var agent = await factory.MemberAsync(admin, "AGENT");
        var vip = await factory.CreateTagAsync(admin.OrganizationId, "VIP " + Guid.NewGuid().ToString("N")[..4]);
        var other = await factory.RegisterOrganizationAsync();
        var foreignTag = await factory.CreateTagAsync(other.OrganizationId);

        var data = await (await agent.Client.ActAsync(id, "tags", new { tagId = vip })).Data();
        Assert.Equal(vip, Assert.Single(data.GetProperty("tags").EnumerateArray()).GetProperty("id").GetGuid());
        data = await (await agent.Client.ActAsync(id, "tags", new { tagId = vip })).Data();
        Assert.Single(data.GetProperty("tags").EnumerateArray());

        await (await agent.Client.ActAsync(id, "tags", new { tagId = foreignTag })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await agent.Client.ActAsync(id, "tags", new { tagId = Guid.NewGuid() })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        var error = await (await agent.Client.ActAsync(id, "tags", new { })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("tagId", out _));
        await (await agent.Client.DeleteAsync(Url(id, $"tags/{foreignTag}"))).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await using (var db = factory.SystemDb())
            Assert.Equal([vip], await db.ConversationTags.Where(t => t.ConversationId == id).Select(t => t.TagId).ToListAsync());

        await (await agent.Client.DeleteAsync(Url(id, $"tags/{vip}"))).ShouldBe(HttpStatusCode.NoContent);
        await (await agent.Client.DeleteAsync(Url(id, $"tags/{vip}"))).ShouldBe(HttpStatusCode.NoContent);
        await using (var db = factory.SystemDb())
            Assert.False(await db.ConversationTags.AnyAsync(t => t.ConversationId == id));
        Assert.Empty((await (await agent.Client.GetAsync(Url(id))).Data()).GetProperty("tags").EnumerateArray());
    }

    [Fact]
    public async Task Supervisors_and_api_keys_edit_resolve_read_follow_up_and_tag_like_agents()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var supervisor = await factory.MemberAsync(admin, "SUPERVISOR");
        var key = await factory.ApiKeyClientAsync(admin);
        var tag = await factory.CreateTagAsync(admin.OrganizationId);
        foreach (var client in new[] { supervisor.Client, key })
        {
            var (id, _, _) = await factory.SeedConversationAsync(admin.OrganizationId);
            await (await client.PatchAsJsonAsync(Url(id), new { category = "Sales" })).ShouldBe(HttpStatusCode.OK);
            await (await client.ActAsync(id, "read")).ShouldBe(HttpStatusCode.OK);
            await (await client.ActAsync(id, "follow-up", new { dueAt = DateTimeOffset.UtcNow.AddHours(2) })).ShouldBe(HttpStatusCode.OK);
            await (await client.ActAsync(id, "tags", new { tagId = tag })).ShouldBe(HttpStatusCode.OK);
            await (await client.ActAsync(id, "resolve")).ShouldBe(HttpStatusCode.OK);
            await (await client.GetAsync(Url(id, "contact-history"))).ShouldBe(HttpStatusCode.OK);

            var stored = await factory.StoredAsync(id);
            Assert.Equal(("Sales", 0, ConversationStatus.CLOSED), (stored.Category, stored.UnreadCount, stored.Status));
            Assert.NotNull(stored.FollowUpDueAt);
            // An API key is nobody: the follow-up records no member.
            Assert.Equal(client == key ? null : supervisor.UserId, stored.FollowUpById);
            await using var db = factory.SystemDb();
            Assert.True(await db.ConversationTags.AnyAsync(t => t.ConversationId == id && t.TagId == tag));
        }
    }

    [Fact]
    public async Task Contact_history_lists_the_contacts_other_conversations_newest_first()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (first, metaId, waId) = await factory.SeedConversationAsync(admin.OrganizationId);
        await factory.InboundTextAsync(metaId, MessagingTestData.NewWaId(), "another customer");
        await (await admin.Client.ActAsync(first, "resolve")).ShouldBe(HttpStatusCode.OK);
        await ClosedLongAgoAsync(first);
        var (second, _, _) = await factory.InboundTextAsync(metaId, waId, "me again");
        Assert.NotEqual(first, second);
        await (await admin.Client.ActAsync(second, "resolve")).ShouldBe(HttpStatusCode.OK);
        await ClosedLongAgoAsync(second);
        var (third, _, _) = await factory.InboundTextAsync(metaId, waId, "and again");
        Assert.NotEqual(second, third);

        var agent = await factory.MemberAsync(admin, "AGENT");
        var response = await agent.Client.GetAsync(Url(third, "contact-history"));
        await response.ShouldBe(HttpStatusCode.OK);
        var ids = (await response.Data()).EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([second, first], ids);
        var fromFirst = (await (await agent.Client.GetAsync(Url(first, "contact-history"))).Data()).EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([third, second], fromFirst);
        Assert.Single((await (await agent.Client.GetAsync(Url(third, "contact-history") + "?limit=1")).Data()).EnumerateArray());
        await (await agent.Client.GetAsync(Url(third, "contact-history") + "?limit=0")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    /// <summary>Moves a resolved conversation's close (and creation) into the past, beyond the reopen period.</summary>
    private async Task ClosedLongAgoAsync(Guid id)
    {
        await using var db = factory.SystemDb();
        var c = await db.Conversations.SingleAsync(x => x.Id == id);
        var shift = TimeSpan.FromDays(30) - TimeSpan.FromMinutes(await db.Conversations.CountAsync(x => x.ContactId == c.ContactId));
        c.ResolvedAt = c.ResolvedAt!.Value - shift;
        c.CreatedAt -= shift;
        await db.SaveChangesAsync();
    }
}
