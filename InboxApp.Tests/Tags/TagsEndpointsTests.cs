using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Core.Data;
using InboxApp.Core.Realtime;
using InboxApp.Core.Tags;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using InboxApp.Tests.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Tags;

[Collection(SharedApp.Name)]
public sealed class TagsEndpointsTests(NoJobsAppFactory factory)
{
    private const string Red = "#dc2626";
    private const string Blue = "#2563eb";

    private static async Task<JsonElement> CreateTagAsync(HttpClient client, string name, string color = Red)
    {
        var response = await client.PostAsJsonAsync("/api/v1/tags", new { name, color });
        await response.ShouldBe(HttpStatusCode.Created);
        return await response.Data();
    }

    /// <summary>A conversation of the organization, made the way they really start: a customer writes in.</summary>
    private async Task<Guid> ConversationAsync(Guid organizationId)
    {
        var (_, _, metaId) = await factory.SeedNumberAsync(organizationId);
        var (conversationId, _, _) = await factory.InboundTextAsync(metaId, MessagingTestData.NewWaId());
        return conversationId;
    }

    /// <summary>Tags a conversation directly in the database (adding tags through the API is the conversations feature).</summary>
    private async Task TagAsync(Guid organizationId, Guid conversationId, Guid tagId)
    {
        await using var db = factory.Services.GetRequiredService<InboxDb>().For(organizationId);
        db.ConversationTags.Add(new ConversationTag { ConversationId = conversationId, TagId = tagId, CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Tags_are_created_listed_by_name_with_their_usage_and_updated()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var vip = await CreateTagAsync(admin.Client, " VIP ", "#DC2626");
        Assert.Equal("VIP", vip.Str("name"));
        Assert.Equal(Red, vip.Str("color"));
        Assert.Equal(0, vip.GetProperty("usageCount").GetInt32());
        await CreateTagAsync(admin.Client, "complaint", Blue);
        var conversation = await ConversationAsync(admin.OrganizationId);
        await TagAsync(admin.OrganizationId, conversation, vip.Id());

        var list = await (await agent.Client.GetAsync("/api/v1/tags")).Data();
        Assert.Equal(["complaint", "VIP"], list.EnumerateArray().Select(t => t.Str("name")));
        Assert.Equal(1, list.EnumerateArray().Single(t => t.Id() == vip.Id()).GetProperty("usageCount").GetInt32());

        var updated = await (await admin.Client.PutAsJsonAsync($"/api/v1/tags/{vip.Id()}", new { name = "Very important", color = Blue })).Data();
        Assert.Equal("Very important", updated.Str("name"));
        Assert.Equal(Blue, updated.Str("color"));
        Assert.Equal(1, updated.GetProperty("usageCount").GetInt32());
        // Another spelling of its own name is not a duplicate.
        await (await admin.Client.PutAsJsonAsync($"/api/v1/tags/{vip.Id()}", new { name = "VERY IMPORTANT", color = Blue })).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Tag_names_are_unique_within_an_organization_regardless_of_case()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var other = await factory.RegisterOrganizationAsync();
        await CreateTagAsync(admin.Client, "Refund");
        var second = await CreateTagAsync(admin.Client, "Shipping");

        await (await admin.Client.PostAsJsonAsync("/api/v1/tags", new { name = "rEFUND", color = Blue })).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
        await (await admin.Client.PutAsJsonAsync($"/api/v1/tags/{second.Id()}", new { name = "refund ", color = Red })).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
        await CreateTagAsync(other.Client, "Refund");
    }

    [Fact]
    public async Task Bad_tag_input_is_refused_naming_the_field()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var tag = await CreateTagAsync(admin.Client, "Lead");

        async Task FieldAsync(HttpResponseMessage response, string field)
        {
            var error = await response.ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            Assert.True(error.GetProperty("details").TryGetProperty(field, out _), $"details name {field}");
        }

        await FieldAsync(await admin.Client.PostAsJsonAsync("/api/v1/tags", new { name = new string('x', 51), color = Red }), "name");
        await FieldAsync(await admin.Client.PostAsJsonAsync("/api/v1/tags", new { name = "  ", color = Red }), "name");
        await FieldAsync(await admin.Client.PostAsJsonAsync("/api/v1/tags", new { color = Red }), "name");
        await FieldAsync(await admin.Client.PostAsJsonAsync("/api/v1/tags", new { name = "Hot", color = "#123456" }), "color");
        await FieldAsync(await admin.Client.PostAsJsonAsync("/api/v1/tags", new { name = "Hot", color = "red" }), "color");
        await FieldAsync(await admin.Client.PostAsJsonAsync("/api/v1/tags", new { name = "Hot" }), "color");
        await FieldAsync(await admin.Client.PutAsJsonAsync($"/api/v1/tags/{tag.Id()}", new { name = "Lead" }), "color");
        await (await admin.Client.PostRawJsonAsync("/api/v1/tags", "[]")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.DeleteAsync("/api/v1/tags/not-a-guid")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_role_reads_tags_while_supervisors_admins_and_api_keys_change_them()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var supervisor = await factory.AddMemberAsync(admin, "SUPERVISOR");
        var tag = await CreateTagAsync(admin.Client, "Angry");

        await (await agent.Client.GetAsync("/api/v1/tags")).ShouldBe(HttpStatusCode.OK);
        await (await agent.Client.GetAsync("/api/v1/tags/colors")).ShouldBe(HttpStatusCode.OK);
        await (await agent.Client.PostAsJsonAsync("/api/v1/tags", new { name = "Mine", color = Red })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.PutAsJsonAsync($"/api/v1/tags/{tag.Id()}", new { name = "Mine", color = Red })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.DeleteAsync($"/api/v1/tags/{tag.Id()}")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await factory.CreateClient().GetAsync("/api/v1/tags")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        var bySupervisor = await CreateTagAsync(supervisor.Client, "Supervised", Blue);
        await (await supervisor.Client.PutAsJsonAsync($"/api/v1/tags/{tag.Id()}", new { name = "Upset", color = Blue })).ShouldBe(HttpStatusCode.OK);
        await (await supervisor.Client.DeleteAsync($"/api/v1/tags/{bySupervisor.Id()}")).ShouldBe(HttpStatusCode.NoContent);

        var key = await factory.ApiKeyClientAsync(admin);
        var byKey = await CreateTagAsync(key, "From CRM");
        await (await key.DeleteAsync($"/api/v1/tags/{byKey.Id()}")).ShouldBe(HttpStatusCode.NoContent);
        Assert.Equal(["Upset"], (await (await agent.Client.GetAsync("/api/v1/tags")).Data()).EnumerateArray().Select(t => t.Str("name")));
    }

    [Fact]
    public async Task The_palette_lists_named_colours_that_tags_may_use()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var colors = (await (await admin.Client.GetAsync("/api/v1/tags/colors")).Data()).EnumerateArray().ToList();
        Assert.InRange(colors.Count, 8, 16);
        Assert.All(colors, c => Assert.Matches("^#[0-9a-f]{6}$", c.Str("hex")));
        Assert.Equal(colors.Count, colors.Select(c => c.Str("hex")).Distinct().Count());
        Assert.Equal(colors.Count, colors.Select(c => c.Str("name")).Distinct().Count());
        foreach (var color in colors) await CreateTagAsync(admin.Client, "Tag " + color.Str("name"), color.Str("hex"));
    }

    [Fact]
    public async Task Deleting_a_tag_removes_it_from_its_conversations_and_tells_each_of_them_after_the_commit()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var doomed = await CreateTagAsync(admin.Client, "Spam");
        var kept = await CreateTagAsync(admin.Client, "Keep", Blue);
        var first = await ConversationAsync(admin.OrganizationId);
        var second = await ConversationAsync(admin.OrganizationId);
        var untagged = await ConversationAsync(admin.OrganizationId);
        await TagAsync(admin.OrganizationId, first, doomed.Id());
        await TagAsync(admin.OrganizationId, second, doomed.Id());
        await TagAsync(admin.OrganizationId, second, kept.Id());

        // Each handler looks at the database when the event arrives: the tag must already be gone for that conversation.
        var seen = new ConcurrentQueue<(ConversationTagRemoved Event, bool StillTagged)>();
        var bus = factory.Services.GetRequiredService<IInboxEventBus>();
        using var subscription = bus.Subscribe(admin.OrganizationId, async e =>
        {
            if (e is not ConversationTagRemoved removed) return;
            await using var db = factory.SystemDb();
            seen.Enqueue((removed, await db.ConversationTags.AnyAsync(t => t.ConversationId == removed.ConversationId && t.TagId == removed.TagId)));
        });

        await (await admin.Client.DeleteAsync($"/api/v1/tags/{doomed.Id()}")).ShouldBe(HttpStatusCode.NoContent);
        await MessagingTestData.EventuallyAsync(() => Task.FromResult(seen.Count >= 2), "two tag removed events");
        Assert.Equal(new[] { first, second }.Order(), seen.Select(s => s.Event.ConversationId).Order());
        Assert.All(seen, s => Assert.Equal(doomed.Id(), s.Event.TagId));
        Assert.All(seen, s => Assert.False(s.StillTagged));
        Assert.DoesNotContain(seen, s => s.Event.ConversationId == untagged);

        await using (var db = factory.SystemDb())
        {
            Assert.False(await db.Tags.AnyAsync(t => t.Id == doomed.Id()));
            Assert.False(await db.ConversationTags.AnyAsync(t => t.TagId == doomed.Id()));
            Assert.Equal([kept.Id()], await db.ConversationTags.Where(t => t.ConversationId == second).Select(t => t.TagId).ToListAsync());
            Assert.Equal(3, await db.Conversations.CountAsync(c => c.OrganizationId == admin.OrganizationId));
        }
        await (await admin.Client.DeleteAsync($"/api/v1/tags/{doomed.Id()}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        var list = await (await admin.Client.GetAsync("/api/v1/tags")).Data();
        Assert.Equal(1, Assert.Single(list.EnumerateArray()).GetProperty("usageCount").GetInt32());
    }

    [Fact]
    public async Task Another_organizations_tag_ids_are_not_found_and_stay_untouched()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var other = await factory.RegisterOrganizationAsync();
        var theirs = await CreateTagAsync(other.Client, "Theirs");
        var seen = new ConcurrentQueue<InboxEvent>();
        using var subscription = factory.Services.GetRequiredService<IInboxEventBus>().Subscribe(other.OrganizationId, e =>
        {
            seen.Enqueue(e);
            return Task.CompletedTask;
        });
        var conversation = await ConversationAsync(other.OrganizationId);
        await TagAsync(other.OrganizationId, conversation, theirs.Id());

        await (await admin.Client.PutAsJsonAsync($"/api/v1/tags/{theirs.Id()}", new { name = "Mine now", color = Blue })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.DeleteAsync($"/api/v1/tags/{theirs.Id()}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Empty((await (await admin.Client.GetAsync("/api/v1/tags")).Data()).EnumerateArray());

        var list = await (await other.Client.GetAsync("/api/v1/tags")).Data();
        var tag = Assert.Single(list.EnumerateArray());
        Assert.Equal("Theirs", tag.Str("name"));
        Assert.Equal(1, tag.GetProperty("usageCount").GetInt32());
        Assert.DoesNotContain(seen, e => e is ConversationTagRemoved);
    }
}
