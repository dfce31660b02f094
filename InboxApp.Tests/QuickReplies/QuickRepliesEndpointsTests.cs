using System.Net;
using System.Net.Http.Json;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Users;

namespace InboxApp.Tests.QuickReplies;

[Collection(SharedApp.Second)]
public sealed class QuickRepliesEndpointsTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task Agents_list_the_active_quick_replies_by_shortcut_and_admins_list_all_of_them()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var greeting = await admin.Client.CreateQuickReplyAsync("/Greeting", "Hello {{contact.name}}!", title: "Greeting", category: "Openers");
        Assert.Equal("greeting", greeting.Str("shortcut"));
        Assert.Equal("Greeting", greeting.Str("title"));
        Assert.Equal("Hello {{contact.name}}!", greeting.Str("text"));
        Assert.Equal("Openers", greeting.Str("category"));
        Assert.True(greeting.GetProperty("isActive").GetBoolean());
        Assert.False(greeting.TryGetProperty("media", out _));
        await admin.Client.CreateQuickReplyAsync("bye", "Have a good day", title: "Goodbye");
        await admin.Client.CreateQuickReplyAsync("address", "Main street 1", title: "Our shop");
        await admin.Client.CreateQuickReplyAsync("old_promo", "Summer sale", isActive: false);

        var active = await (await agent.Client.GetAsync("/api/v1/quick-replies")).Data();
        Assert.Equal(["address", "bye", "greeting"], active.Shortcuts());
        Assert.Equal(["greeting"], (await (await agent.Client.GetAsync("/api/v1/quick-replies?search=/gree")).Data()).Shortcuts());
        Assert.Equal(["address"], (await (await agent.Client.GetAsync("/api/v1/quick-replies?search=SHOP")).Data()).Shortcuts());
        Assert.Equal(["bye"], (await (await agent.Client.GetAsync("/api/v1/quick-replies?search=good%20day")).Data()).Shortcuts());
        Assert.Empty((await (await agent.Client.GetAsync("/api/v1/quick-replies?search=summer")).Data()).EnumerateArray());

        Assert.Equal(["address", "bye", "greeting", "old_promo"], (await (await admin.Client.GetAsync("/api/v1/quick-replies/all")).Data()).Shortcuts());
        Assert.Equal(["old_promo"], (await (await admin.Client.GetAsync("/api/v1/quick-replies/all?isActive=false")).Data()).Shortcuts());
        Assert.Equal(["greeting"], (await (await admin.Client.GetAsync("/api/v1/quick-replies/all?category=openers")).Data()).Shortcuts());
        await (await agent.Client.GetAsync($"/api/v1/quick-replies?search={new string('x', 201)}")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Quick_replies_are_changed_and_deleted_by_admins()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var reply = await admin.Client.CreateQuickReplyAsync("hours", "We open at 9", category: "Info");
        var url = $"/api/v1/quick-replies/{reply.Id()}";

        var changed = await (await admin.Client.PatchAsJsonAsync(url, new { shortcut = "/opening-hours", text = "We open at 8", category = "" })).Data();
        Assert.Equal("opening-hours", changed.Str("shortcut"));
        Assert.Equal("We open at 8", changed.Str("text"));
        Assert.Equal(reply.Str("title"), changed.Str("title"));
        Assert.False(changed.TryGetProperty("category", out _));

        await (await admin.Client.PatchAsJsonAsync(url, new { isActive = false })).ShouldBe(HttpStatusCode.OK);
        Assert.Empty((await (await agent.Client.GetAsync("/api/v1/quick-replies")).Data()).EnumerateArray());
        await (await admin.Client.PatchAsJsonAsync(url, new { isActive = true })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(["opening-hours"], (await (await agent.Client.GetAsync("/api/v1/quick-replies")).Data()).Shortcuts());

        await (await admin.Client.DeleteAsync(url)).ShouldBe(HttpStatusCode.NoContent);
        await (await admin.Client.DeleteAsync(url)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PatchAsJsonAsync(url, new { title = "Back?" })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Empty((await (await admin.Client.GetAsync("/api/v1/quick-replies/all")).Data()).EnumerateArray());
    }

    [Fact]
    public async Task Shortcuts_are_unique_within_an_organization_and_well_formed()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var other = await factory.RegisterOrganizationAsync();
        await admin.Client.CreateQuickReplyAsync("thanks");
        var second = await admin.Client.CreateQuickReplyAsync("welcome");

        await (await admin.Client.PostAsJsonAsync("/api/v1/quick-replies", new { shortcut = "/THANKS", title = "Again", text = "Thanks" }))
            .ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
        await (await admin.Client.PatchAsJsonAsync($"/api/v1/quick-replies/{second.Id()}", new { shortcut = "thanks" })).ShouldFail(HttpStatusCode.Conflict, "CONFLICT");
        await other.Client.CreateQuickReplyAsync("thanks");
        await admin.Client.CreateQuickReplyAsync(new string('a', 50));
        await admin.Client.CreateQuickReplyAsync("/" + new string('b', 50));
    }

    [Theory]
    [InlineData("{\"shortcut\":\"has space\",\"title\":\"T\",\"text\":\"x\"}", "shortcut")]
    [InlineData("{\"shortcut\":\"émoji\",\"title\":\"T\",\"text\":\"x\"}", "shortcut")]
    [InlineData("{\"shortcut\":\"/\",\"title\":\"T\",\"text\":\"x\"}", "shortcut")]
    [InlineData("{\"shortcut\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"title\":\"T\",\"text\":\"x\"}", "shortcut")]
    [InlineData("{\"title\":\"T\",\"text\":\"x\"}", "shortcut")]
    [InlineData("{\"shortcut\":\"ok\",\"title\":\"  \",\"text\":\"x\"}", "title")]
    [InlineData("{\"shortcut\":\"ok\",\"text\":\"x\"}", "title")]
    [InlineData("{\"shortcut\":\"ok\",\"title\":\"T\",\"text\":\"\"}", "text")]
    [InlineData("{\"shortcut\":\"ok\",\"title\":\"T\",\"text\":\"x\",\"isActive\":\"yes\"}", "")]
    public async Task Bad_quick_reply_input_is_refused_naming_the_field(string body, string field)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var error = await (await admin.Client.PostRawJsonAsync("/api/v1/quick-replies", body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        if (field.Length > 0) Assert.True(error.GetProperty("details").TryGetProperty(field, out _), $"details name {field}");
    }

    [Fact]
    public async Task Overlong_texts_and_categories_are_refused_on_create_and_change()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var reply = await admin.Client.CreateQuickReplyAsync("long", new string('x', 4096));
        var error = await (await admin.Client.PostAsJsonAsync("/api/v1/quick-replies", new { shortcut = "longer", title = "T", text = new string('x', 4097) }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("text", out _));
        error = await (await admin.Client.PatchAsJsonAsync($"/api/v1/quick-replies/{reply.Id()}", new { category = new string('c', 101) }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("category", out _));
        error = await (await admin.Client.PatchAsJsonAsync($"/api/v1/quick-replies/{reply.Id()}", new { shortcut = "Not Valid" }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("shortcut", out _));
        error = await (await admin.Client.PatchAsJsonAsync($"/api/v1/quick-replies/{reply.Id()}", new { title = "" }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("title", out _));
    }

    [Fact]
    public async Task Only_admins_and_api_keys_manage_quick_replies_while_every_role_lists_the_active_ones()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var supervisor = await factory.AddMemberAsync(admin, "SUPERVISOR");
        var reply = await admin.Client.CreateQuickReplyAsync("refund");
        var url = $"/api/v1/quick-replies/{reply.Id()}";

        foreach (var caller in new[] { agent, supervisor })
        {
            await (await caller.Client.GetAsync("/api/v1/quick-replies")).ShouldBe(HttpStatusCode.OK);
            await (await caller.Client.GetAsync("/api/v1/quick-replies/all")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await caller.Client.PostAsJsonAsync("/api/v1/quick-replies", new { shortcut = "mine", title = "T", text = "x" })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await caller.Client.PatchAsJsonAsync(url, new { title = "Mine" })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await caller.Client.DeleteAsync(url)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await caller.Client.PostAsJsonAsync("/api/v1/quick-replies/bulk", new { action = "delete", selection = new { mode = "ids", ids = new[] { reply.Id() } } }))
                .ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await caller.Client.UploadAsync(reply.Id(), QuickReplyBuilders.Png(), "image/png")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await caller.Client.DeleteAsync($"{url}/media")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        }
        await (await factory.CreateClient().GetAsync("/api/v1/quick-replies")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        var key = await factory.ApiKeyClientAsync(admin);
        var byKey = await key.CreateQuickReplyAsync("from-crm");
        await (await key.GetAsync("/api/v1/quick-replies/all")).ShouldBe(HttpStatusCode.OK);
        await (await key.PatchAsJsonAsync($"/api/v1/quick-replies/{byKey.Id()}", new { title = "CRM" })).ShouldBe(HttpStatusCode.OK);
        await (await key.DeleteAsync($"/api/v1/quick-replies/{byKey.Id()}")).ShouldBe(HttpStatusCode.NoContent);
        Assert.Equal(["refund"], (await (await agent.Client.GetAsync("/api/v1/quick-replies")).Data()).Shortcuts());
    }

    [Fact]
    public async Task Another_organizations_quick_reply_ids_are_not_found_and_stay_untouched()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var other = await factory.RegisterOrganizationAsync();
        var theirs = await other.Client.CreateQuickReplyAsync("theirs", "Their text");
        await (await other.Client.UploadAsync(theirs.Id(), QuickReplyBuilders.Png(), "image/png", "logo.png")).ShouldBe(HttpStatusCode.OK);
        var url = $"/api/v1/quick-replies/{theirs.Id()}";

        await (await admin.Client.PatchAsJsonAsync(url, new { title = "Mine" })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.DeleteAsync(url)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.UploadAsync(theirs.Id(), QuickReplyBuilders.Png(), "image/png")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.DeleteAsync($"{url}/media")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.GetAsync($"{url}/media")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Empty((await (await admin.Client.GetAsync("/api/v1/quick-replies/all")).Data()).EnumerateArray());
        var bulk = await (await admin.Client.PostAsJsonAsync("/api/v1/quick-replies/bulk",
            new { action = "delete", selection = new { mode = "ids", ids = new[] { theirs.Id() } } })).Data();
        Assert.Equal(0, bulk.GetProperty("affected").GetInt32());

        var still = Assert.Single((await (await other.Client.GetAsync("/api/v1/quick-replies/all")).Data()).EnumerateArray());
        Assert.Equal("Their text", still.Str("text"));
        Assert.Equal("logo.png", still.GetProperty("media").Str("fileName"));
        await (await other.Client.GetAsync($"{url}/media")).ShouldBe(HttpStatusCode.OK);
    }
}
