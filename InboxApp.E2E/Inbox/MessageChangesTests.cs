using System.Text.Json.Nodes;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using InboxApp.E2E.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace InboxApp.E2E.Inbox;

/// <summary>A customer edits and then deletes a message while an agent has the conversation open.</summary>
[Collection(SharedServer.Third)]
public class MessageChangesTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    /// <summary>Its own copy of the demo organization on the shared server.</summary>
    protected override bool WorkspaceOfItsOwn => true;

    [Fact]
    public async Task An_edit_and_a_delete_by_the_customer_show_live_and_the_agent_still_sees_what_was_written()
    {
        var metaId = Workspace.SandboxMetaId;
        var waId = "4477019" + Random.Shared.Next(10_000, 99_999);
        var at = DateTimeOffset.UtcNow.AddMinutes(-3);
        var original = await CustomerWebhook.PostTextAsync(Server, metaId, waId, "Edna Edits", "Meet at gate 4", at);

        await SignInAsAsync(UserRole.AGENT, "/inbox");
        var inbox = new InboxPageObject(Page);
        await inbox.ExpectInteractiveAsync();
        await inbox.OpenAsync("Edna Edits");
        await Expect(inbox.Message("Meet at gate 4")).ToBeVisibleAsync();

        JsonObject Change(string type, JsonObject body, DateTimeOffset when) => new()
        {
            ["from"] = waId, ["id"] = "wamid.E2E" + Guid.NewGuid().ToString("N"), ["timestamp"] = when.ToUnixTimeSeconds().ToString(),
            ["type"] = type, [type] = body,
        };
        await CustomerWebhook.PostMessageAsync(Server, metaId, waId, "Edna Edits", Change("edit", new JsonObject
        {
            ["original_message_id"] = original,
            ["message"] = new JsonObject { ["type"] = "text", ["text"] = new JsonObject { ["body"] = "Meet at gate 7" } },
        }, at.AddMinutes(1)));
        var bubble = inbox.Message("Meet at gate 7");
        await Expect(bubble).ToBeVisibleAsync();
        await Expect(bubble.GetByTestId("message-edited")).ToContainTextAsync("Edited");
        await bubble.GetByText("Edited").ClickAsync();
        await Expect(bubble.GetByTestId("earlier-text")).ToHaveTextAsync("Meet at gate 4");

        await CustomerWebhook.PostMessageAsync(Server, metaId, waId, "Edna Edits",
            Change("revoke", new JsonObject { ["original_message_id"] = original }, at.AddMinutes(2)));
        await Expect(bubble.GetByTestId("message-revoked")).ToContainTextAsync("Deleted by the customer");
        await Expect(bubble).ToContainTextAsync("Meet at gate 7");
        await ScreenshotAsync("edited-and-deleted");
    }
}
