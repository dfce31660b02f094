using System.Text.RegularExpressions;
using InboxApp.Core.Bootstrap;
using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using InboxApp.E2E.Pages;
using Xunit.Abstractions;

namespace InboxApp.E2E.Inbox;

/// <summary>The reply box: keys, the Send button, emoji, quick replies, attachments, the recent-reply warning, labels and focus.</summary>
[Collection(SharedServer.Third)]
public partial class InboxComposerTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    /// <summary>Its own copy of the demo organization on the shared server.</summary>
    protected override bool WorkspaceOfItsOwn => true;

    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Shift_Enter_adds_a_line_Enter_and_Send_send_emoji_and_quick_replies_fill_the_text()
    {
        await Seed.PostAsync("quick-replies", new { shortcut = "onit", title = "We are on it", text = "Thanks {{contact.name}}, we are on it!" });
        await Seed.CustomerWritesAsync("Cora Composer", "My order is late");
        await SignInAsAsync(UserRole.AGENT, "/inbox");
        var inbox = new InboxPageObject(Page);
        await inbox.ExpectInteractiveAsync();
        await inbox.OpenAsync("Cora Composer");

        // Shift+Enter is a new line; Enter sends both lines as one message.
        await inbox.Composer.PressSequentiallyAsync("First line");
        await inbox.Composer.PressAsync("Shift+Enter");
        await inbox.Composer.PressSequentiallyAsync("second line");
        await Expect(inbox.Composer).ToHaveValueAsync("First line\nsecond line");
        await Expect(inbox.Messages).ToHaveCountAsync(1);
        await inbox.Composer.PressAsync("Enter");
        await Expect(inbox.Message("First line")).ToContainTextAsync("second line");
        await Expect(inbox.Messages).ToHaveCountAsync(2);
        await Expect(inbox.Composer).ToHaveValueAsync("");

        // Emoji picker, then the Send button.
        await Expect(inbox.SendButton).ToBeDisabledAsync();
        await inbox.Composer.PressSequentiallyAsync("Thanks for waiting ");
        await inbox.Button("Emoji").ClickAsync();
        await inbox.Button("Insert 🙏").ClickAsync();
        await Expect(inbox.Composer).ToHaveValueAsync("Thanks for waiting 🙏");
        await inbox.SendButton.ClickAsync();
        await Expect(inbox.Message("Thanks for waiting 🙏")).ToBeVisibleAsync();
        await Expect(inbox.Composer).ToHaveValueAsync("");

        // "/" lists quick replies; picking one fills the text with the contact's name.
        // The whole shortcut, and one option left, before the click: the list re-renders as each key arrives, and a
        // click aimed at an earlier render's row can land on another quick reply.
        await inbox.Composer.PressSequentiallyAsync("/onit");
        var list = Page.GetByRole(AriaRole.Listbox, new() { Name = "Quick replies" });
        await Expect(list.GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
        await Expect(list).ToContainTextAsync("/onit");
        await ScreenshotAsync("quick-replies");
        await list.GetByRole(AriaRole.Button).Filter(new() { HasText = "/onit" }).ClickAsync();
        await Expect(inbox.Composer).ToHaveValueAsync("Thanks Cora Composer, we are on it!");
        await Expect(list).ToHaveCountAsync(0);
        await inbox.Composer.PressAsync("Enter");
        await Expect(inbox.Message("Thanks Cora Composer, we are on it!")).ToBeVisibleAsync();
        await Expect(inbox.Composer).ToHaveValueAsync("");
    }

    [Fact]
    public async Task With_the_quick_reply_list_open_the_arrows_move_Enter_inserts_and_Escape_closes_and_no_shortcut_is_sent()
    {
        await Seed.PostAsync("quick-replies", new { shortcut = "kbthanks", title = "Thanks (keyboard)", text = "Thanks for your patience!" });
        await Seed.PostAsync("quick-replies", new { shortcut = "kbtrack", title = "Tracking (keyboard)", text = "Here is your tracking link." });
        await Seed.CustomerWritesAsync("Kai Keys", "Where is my order?");
        await SignInAsAsync(UserRole.AGENT, "/inbox");
        var inbox = new InboxPageObject(Page);
        await inbox.ExpectInteractiveAsync();
        await inbox.OpenAsync("Kai Keys");

        await inbox.Composer.PressSequentiallyAsync("/kb");
        var list = Page.GetByRole(AriaRole.Listbox, new() { Name = "Quick replies" });
        var options = list.GetByRole(AriaRole.Option);
        await Expect(options).ToHaveCountAsync(2);
        await Expect(options.Nth(0)).ToHaveAttributeAsync("aria-selected", "true");
        await inbox.Composer.PressAsync("ArrowDown");
        await Expect(options.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(options.Nth(0)).ToHaveAttributeAsync("aria-selected", "false");
        var second = await options.Nth(1).TextContentAsync();

        // Enter inserts the selected one: nothing is sent and the box keeps no line break.
        await inbox.Composer.PressAsync("Enter");
        var inserted = second!.Contains("/kbtrack") ? "Here is your tracking link." : "Thanks for your patience!";
        await Expect(inbox.Composer).ToHaveValueAsync(inserted);
        await Expect(list).ToHaveCountAsync(0);
        await Expect(inbox.Messages).ToHaveCountAsync(1);
        await ScreenshotAsync("quick-reply-keys");

        // Escape closes the list and keeps the text; Tab inserts like Enter and keeps the focus in the box.
        await inbox.Composer.FillAsync("/kb");
        await Expect(options).ToHaveCountAsync(2);
        await inbox.Composer.PressAsync("Escape");
        await Expect(list).ToHaveCountAsync(0);
        await Expect(inbox.Composer).ToHaveValueAsync("/kb");
        await inbox.Composer.FillAsync("/kbthan");
        await Expect(options).ToHaveCountAsync(1);
        await inbox.Composer.PressAsync("Tab");
        await Expect(inbox.Composer).ToHaveValueAsync("Thanks for your patience!");
        await Expect(inbox.Composer).ToBeFocusedAsync();

        // Then Enter sends the inserted text, never a shortcut.
        await inbox.Composer.PressAsync("Enter");
        await Expect(inbox.Messages).ToHaveCountAsync(2);
        await Expect(inbox.Messages.Filter(new() { HasText = "/kb" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_attached_png_with_a_caption_is_uploaded_and_shown_as_an_image_in_the_thread()
    {
        await Seed.CustomerWritesAsync("Ivy Image", "Can you show me the product?");
        await SignInAsAsync(UserRole.AGENT, "/inbox");
        var inbox = new InboxPageObject(Page);
        await inbox.ExpectInteractiveAsync();
        await inbox.OpenAsync("Ivy Image");

        await Page.GetByTestId("composer").Locator("input[type=file]")
            .ChooseFileAsync(new FilePayload { Name = "product.png", MimeType = "image/png", Buffer = Png });
        await Expect(Page.GetByTestId("attachment")).ToContainTextAsync("product.png");
        await inbox.Composer.FillAsync("Here is the blue one");
        await inbox.SendButton.ClickAsync();

        var sent = inbox.Messages.Filter(new() { HasText = "Here is the blue one" });
        await Expect(sent).ToHaveAttributeAsync("data-type", "IMAGE");
        var image = sent.GetByRole(AriaRole.Img, new() { Name = "Here is the blue one" });
        await Expect(image).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("attachment")).ToHaveCountAsync(0);
        // The browser loaded the picture itself, not a broken image.
        await Expect(image).ToHaveJSPropertyAsync("naturalWidth", 1);
        await ScreenshotAsync("image-sent");
    }

    [Fact]
    public async Task After_another_agent_replied_within_a_minute_Enter_warns_and_Send_anyway_sends()
    {
        await Seed.CustomerWritesAsync("Wes Warning", "Is anybody handling this?");
        var (_, alexName) = await SignInAsAsync(UserRole.AGENT, "/inbox");
        var alex = new InboxPageObject(Page);
        await alex.ExpectInteractiveAsync();
        await alex.OpenAsync("Wes Warning");

        var blairPage = await NewSessionAsync();
        await SignInAsAsync(blairPage, Workspace.SecondAgent, "/inbox");
        var blair = new InboxPageObject(blairPage);
        await blair.ExpectInteractiveAsync();
        await blair.OpenAsync("Wes Warning");

        await alex.Composer.FillAsync("Yes, I am on it");
        await alex.Composer.PressAsync("Enter");
        await Expect(blair.Message("Yes, I am on it")).ToBeVisibleAsync();

        await blair.Composer.FillAsync("I can help too");
        await blair.Composer.PressAsync("Enter");
        var warning = blairPage.GetByTestId("recent-reply-warning");
        await Expect(warning).ToContainTextAsync($"{alexName} replied less than a minute ago");
        await Expect(blair.Message("I can help too")).ToHaveCountAsync(0);
        await blairPage.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, $"{nameof(InboxComposerTests)}.recent-reply-warning.png") });

        await warning.GetByRole(AriaRole.Button, new() { Name = "Send anyway" }).ClickAsync();
        await Expect(blair.Message("I can help too")).ToBeVisibleAsync();
        await Expect(alex.Message("I can help too")).ToBeVisibleAsync();
        await Expect(warning).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_composer_is_labelled_every_button_has_a_name_and_r_moves_focus_into_the_composer()
    {
        await Seed.CustomerWritesAsync("Abe Access", "Hello there");
        await SignInAsAsync(UserRole.AGENT, "/inbox");
        var inbox = new InboxPageObject(Page);
        await inbox.ExpectInteractiveAsync();
        await inbox.OpenAsync("Abe Access");

        await Expect(inbox.Composer).ToHaveAttributeAsync("aria-label", "Message");
        await InboxPageObject.ExpectFitsScreenAsync(Page);
        await Expect(inbox.SendButton).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Emoji", Exact = true })).ToBeVisibleAsync();
        // The file input is hidden behind its icon label and takes the label's name.
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Attach a file" })).ToHaveCountAsync(1);
        // The accessibility tree names every control (an unnamed one shows as "- button:" or "- combobox" alone).
        var tree = await Page.Locator(".inbox").AriaSnapshotAsync();
        var unnamed = tree.Split('\n').Where(line => UnnamedControl().IsMatch(line)).ToList();
        Assert.Empty(unnamed);

        await inbox.MessageList.ClickAsync(new() { Position = new() { X = 5, Y = 5 } });
        await Expect(inbox.Composer).Not.ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("r");
        await Expect(inbox.Composer).ToBeFocusedAsync();
        await Expect(inbox.Composer).ToHaveValueAsync("");
    }

    [GeneratedRegex(@"^\s*- (button|link|textbox|searchbox|combobox|checkbox|tab)\s*(:|$)")]
    private static partial Regex UnnamedControl();
}
