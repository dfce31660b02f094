using System.Net.Http.Json;
using System.Text.Json.Nodes;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.E2E.Inbox;
using InboxApp.E2E.Infrastructure;
using InboxApp.E2E.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace InboxApp.E2E.Routing;

/// <summary>
/// Routing as people see it. A workspace of its own: the rules, hours and replies set here apply to every conversation of
/// its organization.
/// </summary>
[Collection(SharedServer.Third)]
public class RoutingE2ETests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    /// <summary>Its own copy of the demo organization on the shared server.</summary>
    protected override bool WorkspaceOfItsOwn => true;

    private Task<Guid> UserIdAsync(UserRole role) => Task.FromResult(Workspace.User(role).Id);

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Timed out waiting for " + what);
            await Task.Delay(100);
        }
    }

    private async Task<JsonNode> PutAsync(InboxSeed seed, string path, object body)
    {
        var response = await (await Seed.ApiAsync()).PutAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"PUT {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!["data"]!;
    }

    [Fact]
    public async Task A_refund_request_is_routed_to_billing_and_the_online_billing_agent_sees_it_live()
    {
        var seed = Seed;
        var agentId = await UserIdAsync(UserRole.AGENT);
        var billing = (await Seed.PostAsync("teams", new { name = "Billing " + Guid.NewGuid().ToString("N")[..6] }))["data"]!["id"]!.GetValue<Guid>();
        await Seed.PostAsync($"teams/{billing}/members", new { userId = agentId });
        await PutAsync(seed, $"teams/{billing}/assignment", new { mode = "ROUND_ROBIN", defaultCapacity = 50 });
        await Seed.PostAsync("routing-rules", new { name = "Refunds", teamId = billing, conditions = new[] { new { type = "KEYWORDS", values = new[] { "refund" } } } });

        // The Billing agent has the inbox open: their session makes them online.
        await SignInAsAsync(UserRole.AGENT, "/inbox");
        var inbox = new InboxPageObject(Page);
        await inbox.ExpectInteractiveAsync();
        await EventuallyAsync(async () => (await Seed.GetAsync($"teams/{billing}/assignment"))["members"]!.AsArray()
            .Any(m => m!["userId"]!.GetValue<Guid>() == agentId && m["onlineStatus"]!.GetValue<string>() == "ONLINE"), "the agent to be online");

        await Seed.CustomerWritesAsync("Rita Refund", "Hello, I would like a refund for order 1234");
        var id = await Seed.ConversationIdAsync("Rita Refund");
        await EventuallyAsync(async () => (await Seed.GetAsync($"conversations/{id}/routing"))["assignedToId"]?.GetValue<Guid>() == agentId,
            "routing to give the conversation to the Billing agent");

        // Live, without reloading: the conversation is in the agent's list, and its details say why it came to them.
        await Expect(inbox.Row("Rita Refund")).ToBeVisibleAsync();
        await inbox.OpenAsync("Rita Refund");
        await inbox.OpenDetailsAsync();
        await Expect(Page.GetByTestId("routing-decision")).ToContainTextAsync("Rule \"Refunds\"");
        await Expect(Page.GetByTestId("routing-decision")).ToContainTextAsync("contains \"refund\"");
        await ScreenshotAsync("routed-to-billing");
    }

    [Fact]
    public async Task Outside_business_hours_the_customer_gets_the_off_hours_reply_once_and_admins_edit_routing_in_settings()
    {
        var seed = Seed;
        // Hours on with no open slot: closed now.
        await PutAsync(seed, "routing-rules/business-hours", new { timezone = "UTC", isEnabled = true, slots = Array.Empty<object>() });
        await PutAsync(seed, "routing-rules/off-hours", new { offHoursAutoReply = true, message = "We are closed right now; we will answer in the morning." });
        try
        {
            var waId = await Seed.CustomerWritesAsync("Nora Night", "Hello?");
            var id = await Seed.ConversationIdAsync("Nora Night");
            await Seed.CustomerSendsAsync(waId, "Nora Night", InboxSeed.Text("Anyone there?", DateTimeOffset.UtcNow));
            async Task<int> RepliesAsync()
            {
                await using var db = Server.Services.GetRequiredService<InboxDb>().System();
                return await db.Messages.CountAsync(m => m.ConversationId == id && m.Direction == MessageDirection.OUTBOUND);
            }
            await EventuallyAsync(async () => await RepliesAsync() > 0, "the off-hours reply");
            await EventuallyAsync(async () =>
            {
                await using var db = Server.Services.GetRequiredService<InboxDb>().System();
                return await db.Messages.CountAsync(m => m.ConversationId == id && m.Direction == MessageDirection.INBOUND) == 2
                    && !await db.OutboxDeliveries.AnyAsync(d => d.Status == Core.Events.OutboxDeliveryStatus.PENDING);
            }, "both messages and their listeners");
            Assert.Equal(1, await RepliesAsync());

            // The admin sees the reply and the hours in Settings › Routing, and tests a message there.
            await SignInAsAsync(UserRole.ADMIN, "/settings/routing");
            await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Routing", Exact = true })).ToBeVisibleAsync();
            // Enabled once the page is interactive (a click on the prerendered tabs would do nothing).
            await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "New rule" })).ToBeEnabledAsync();
            await Page.GetByRole(AriaRole.Tab, new() { Name = "Hours and replies" }).ClickAsync();
            await Expect(Page.GetByLabel("Off-hours message")).ToHaveValueAsync("We are closed right now; we will answer in the morning.");
            await Expect(Page.GetByTestId("hours-status")).ToContainTextAsync("Closed now");
            await Page.GetByRole(AriaRole.Tab, new() { Name = "Rules" }).ClickAsync();
            await Page.GetByLabel("Customer message").FillAsync("where is my parcel");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Test", Exact = true }).ClickAsync();
            await Expect(Page.GetByTestId("routing-test-result")).ToContainTextAsync("outside business hours");
            await ScreenshotAsync("routing-settings");
        }
        finally
        {
            await PutAsync(seed, "routing-rules/off-hours", new { offHoursAutoReply = false });
            await PutAsync(seed, "routing-rules/business-hours", new { timezone = "UTC", isEnabled = false, slots = Array.Empty<object>() });
        }
    }

    [Fact]
    public async Task An_admin_drags_a_rule_to_the_top_and_the_new_priority_is_saved()
    {
        var seed = Seed;
        var tag = Guid.NewGuid().ToString("N")[..6];
        var team = (await Seed.PostAsync("teams", new { name = "Order " + tag }))["data"]!["id"]!.GetValue<Guid>();
        var names = new[] { $"First {tag}", $"Second {tag}", $"Third {tag}" };
        var ids = new List<Guid>();
        foreach (var name in names)
            ids.Add((await Seed.PostAsync("routing-rules", new { name, teamId = team, conditions = new[] { new { type = "KEYWORDS", values = new[] { "zq" + tag } } } }))["data"]!["id"]!.GetValue<Guid>());
        async Task<List<string>> OrderAsync() => (await Seed.GetAsync("routing-rules")).AsArray()
            .Select(r => r!["name"]!.GetValue<string>()).Where(n => n.EndsWith(tag, StringComparison.Ordinal)).ToList();
        try
        {
            await SignInAsAsync(UserRole.ADMIN, "/settings/routing");
            await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "New rule" })).ToBeEnabledAsync();
            var list = Page.GetByRole(AriaRole.List, new() { Name = "Routing rules" });
            ILocator Rule(string name) => list.GetByRole(AriaRole.Listitem).Filter(new() { HasText = name });

            // Drag the last rule up onto the first (the pointer moves in steps, as a hand does): the new order is saved
            // and is the one the page shows.
            var box = await Rule(names[0]).BoundingBoxAsync() ?? throw new InvalidOperationException("The first rule is not shown");
            await Rule(names[2]).HoverAsync();
            await Page.Mouse.DownAsync();
            await Page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + 4, new() { Steps = 12 });
            await Page.Mouse.UpAsync();
            var rows = list.GetByRole(AriaRole.Listitem).Filter(new() { HasText = tag });
            async Task<List<string>> ShownAsync() => (await rows.AllInnerTextsAsync()).Select(t => names.First(n => t.Contains(n, StringComparison.Ordinal))).ToList();
            List<string> saved = [];
            await EventuallyAsync(async () =>
            {
                saved = await OrderAsync();
                return saved.IndexOf(names[2]) is >= 0 and < 2 && (await ShownAsync()).SequenceEqual(saved);
            }, "the dragged rule to be saved higher up, in the order the page shows");

            // The keyboard way: the move buttons, by their accessible names.
            var last = saved[^1];
            await Page.GetByRole(AriaRole.Button, new() { Name = $"Move {last} up" }).ClickAsync();
            List<string> expected = [saved[0], last, saved[1]];
            await EventuallyAsync(async () => (await OrderAsync()).SequenceEqual(expected) && (await ShownAsync()).SequenceEqual(expected),
                "the moved order to be saved and shown");
            await ScreenshotAsync("routing-rules-reordered");
        }
        finally
        {
            var api = await Seed.ApiAsync();
            foreach (var id in ids) await api.DeleteAsync($"routing-rules/{id}");
        }
    }
}
