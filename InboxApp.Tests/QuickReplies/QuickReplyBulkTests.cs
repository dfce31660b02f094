using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Users;

namespace InboxApp.Tests.QuickReplies;

[Collection(SharedApp.Second)]
public sealed class QuickReplyBulkTests(NoJobsAppFactory factory)
{
    private static object Ids(params Guid[] ids) => new { mode = "ids", ids };

    private static async Task<JsonElement> BulkAsync(SignedIn admin, object body)
    {
        var response = await admin.Client.PostAsJsonAsync("/api/v1/quick-replies/bulk", body);
        await response.ShouldBe(HttpStatusCode.OK);
        return await response.Data();
    }

    private static async Task<IReadOnlyList<string>> ActiveAsync(SignedIn caller) =>
        (await (await caller.Client.GetAsync("/api/v1/quick-replies")).Data()).Shortcuts();

    [Fact]
    public async Task Bulk_deactivate_activate_and_delete_by_ids_report_unknown_ids_as_skipped()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var other = await factory.RegisterOrganizationAsync();
        var a = await admin.Client.CreateQuickReplyAsync("a");
        var b = await admin.Client.CreateQuickReplyAsync("b");
        await admin.Client.CreateQuickReplyAsync("c");
        var theirs = await other.Client.CreateQuickReplyAsync("a");
        var unknown = Guid.NewGuid();

        var result = await BulkAsync(admin, new { action = "deactivate", selection = Ids(a.Id(), b.Id(), theirs.Id(), unknown, a.Id()) });
        Assert.Equal(2, result.GetProperty("affected").GetInt32());
        var skipped = result.GetProperty("skipped").EnumerateArray().ToDictionary(s => s.Id(), s => s.Str("reason"));
        Assert.Equal(new Dictionary<Guid, string> { [theirs.Id()] = "NOT_FOUND", [unknown] = "NOT_FOUND" }, skipped);
        Assert.Equal(["c"], await ActiveAsync(admin));
        Assert.Equal(["a"], await ActiveAsync(other));

        Assert.Equal(1, (await BulkAsync(admin, new { action = "activate", selection = Ids(b.Id()) })).GetProperty("affected").GetInt32());
        Assert.Equal(["b", "c"], await ActiveAsync(admin));

        Assert.Equal(2, (await BulkAsync(admin, new { action = "delete", selection = Ids(a.Id(), b.Id()) })).GetProperty("affected").GetInt32());
        Assert.Equal(["c"], (await (await admin.Client.GetAsync("/api/v1/quick-replies/all")).Data()).Shortcuts());
    }

    [Fact]
    public async Task Bulk_with_mode_all_acts_on_every_quick_reply_matching_the_filter()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var other = await factory.RegisterOrganizationAsync();
        await admin.Client.CreateQuickReplyAsync("ship-1", category: "Shipping");
        await admin.Client.CreateQuickReplyAsync("ship-2", category: "shipping");
        await admin.Client.CreateQuickReplyAsync("billing", category: "Billing");
        await other.Client.CreateQuickReplyAsync("ship-1", category: "Shipping");

        var result = await BulkAsync(admin, new { action = "deactivate", selection = new { mode = "all", category = "Shipping" } });
        Assert.Equal(2, result.GetProperty("affected").GetInt32());
        Assert.Empty(result.GetProperty("skipped").EnumerateArray());
        Assert.Equal(["billing"], await ActiveAsync(admin));
        Assert.Equal(["ship-1"], await ActiveAsync(other));

        result = await BulkAsync(admin, new { action = "delete", selection = new { mode = "all", isActive = false } });
        Assert.Equal(2, result.GetProperty("affected").GetInt32());
        Assert.Equal(["billing"], (await (await admin.Client.GetAsync("/api/v1/quick-replies/all")).Data()).Shortcuts());

        result = await BulkAsync(admin, new { action = "deactivate", selection = new { mode = "all" } });
        Assert.Equal(1, result.GetProperty("affected").GetInt32());
        Assert.Empty(await ActiveAsync(admin));
        Assert.Equal(["ship-1"], await ActiveAsync(other));
    }

    [Fact]
    public async Task Bad_bulk_requests_are_refused_naming_the_field()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var reply = await admin.Client.CreateQuickReplyAsync("keep");

        async Task FieldAsync(object body, string field)
        {
            var error = await (await admin.Client.PostAsJsonAsync("/api/v1/quick-replies/bulk", body)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            Assert.True(error.GetProperty("details").TryGetProperty(field, out _), $"details name {field}");
        }

        await FieldAsync(new { action = "archive", selection = Ids(reply.Id()) }, "action");
        await FieldAsync(new { selection = Ids(reply.Id()) }, "action");
        await FieldAsync(new { action = "delete" }, "selection");
        await FieldAsync(new { action = "delete", selection = new { mode = "some" } }, "selection.mode");
        await FieldAsync(new { action = "delete", selection = new { mode = "ids" } }, "selection.ids");
        await FieldAsync(new { action = "delete", selection = new { mode = "ids", ids = Array.Empty<Guid>() } }, "selection.ids");
        await FieldAsync(new { action = "delete", selection = new { mode = "ids", ids = Enumerable.Range(0, 501).Select(_ => Guid.NewGuid()).ToArray() } }, "selection.ids");
        await FieldAsync(new { action = "delete", selection = new { mode = "all", search = new string('x', 201) } }, "search");
        Assert.Equal(["keep"], await ActiveAsync(admin));
    }
}
