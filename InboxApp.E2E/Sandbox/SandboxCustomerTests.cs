using System.Text.RegularExpressions;
using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using Xunit.Abstractions;

namespace InboxApp.E2E.Sandbox;

/// <summary>The sandbox's customer sends more than text: a photo, a location, and a tap on the business's reply buttons.</summary>
[Collection(SharedServer.Second)]
public sealed class SandboxCustomerTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    /// <summary>Its own copy of the demo organization on the shared server.</summary>
    protected override bool WorkspaceOfItsOwn => true;

    /// <summary>A real 1×1 PNG, so the browser can show it once the inbox has it.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task The_customer_sends_a_photo_and_a_location_and_taps_a_reply_button_the_business_offered()
    {
        await SignInAsAsync(UserRole.ADMIN, "/sandbox");
        await Expect(Page.GetByTestId("sandbox-page")).ToHaveAttributeAsync("data-interactive", "true");
        var name = $"Pat {Guid.NewGuid().ToString("N")[..6]}";
        await Page.GetByLabel("Customer name").FillAsync(name);
        await Page.GetByLabel("First message").FillAsync("Here is the damaged box");
        await Page.GetByTestId("start-conversation").ClickAsync();
        var chat = Page.GetByTestId("sandbox-chat");
        await Expect(chat).ToContainTextAsync("Here is the damaged box");

        // The list is in normal case and the selected conversation is marked for assistive technology too.
        var selected = Page.GetByTestId("sandbox-conversation").Filter(new() { HasText = name });
        await Expect(selected).ToHaveAttributeAsync("aria-current", "true");
        await Expect(selected).ToHaveCSSAsync("text-transform", "none");

        await Page.GetByLabel("Caption").FillAsync("The corner is crushed");
        await Page.GetByLabel("Send a photo").ChooseFileAsync(new FilePayload { Name = "box.png", MimeType = "image/png", Buffer = Png });
        await Expect(chat.GetByRole(AriaRole.Img, new() { Name = "The corner is crushed" }))
            .ToHaveAttributeAsync("src", new Regex("^/api/v1/messages/[0-9a-f-]+/media$"), new() { Timeout = 15_000 });

        await Page.GetByRole(AriaRole.Button, new() { Name = "Location", Exact = true }).ClickAsync();
        await Page.GetByLabel("Place name (optional)").FillAsync("Rossio station");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send location" }).ClickAsync();
        await Expect(chat).ToContainTextAsync("📍 Rossio station");

        await Page.GetByLabel("Business reply").FillAsync("Shall we send a new one?");
        await Page.GetByLabel("Reply buttons").FillAsync("Yes please, No thanks");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Reply", Exact = true }).ClickAsync();
        await Expect(chat).ToContainTextAsync("Shall we send a new one?");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Tap Yes please" }).ClickAsync();
        await Expect(chat).ToContainTextAsync("↩ Yes please");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Tap Yes please" })).ToHaveCountAsync(0);
    }
}
