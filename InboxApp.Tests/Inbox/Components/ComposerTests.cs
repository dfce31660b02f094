using Bunit;
using InboxApp.Core.Conversations;
using InboxApp.Features.Inbox;
using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace InboxApp.Tests.Inbox.Components;

/// <summary>The reply box: Enter sends, Shift+Enter is a new line, <c>/</c> lists quick replies and the keys move through them.</summary>
[Collection(SharedApp.Name)]
public sealed class ComposerTests(NoJobsAppFactory factory) : InboxComponentTest(factory)
{
    private int sent;

    private IRenderedComponent<Composer> RenderComposer(ConversationDto conversation, Core.Identity.Actor actor) => Render<Composer>(p => p
        .Add(c => c.Conversation, conversation)
        .Add(c => c.Actor, actor)
        .Add(c => c.OnSent, EventCallback.Factory.Create(this, () => sent++)));

    private static KeyboardEventArgs Key(string key, bool shift = false) => new() { Key = key, ShiftKey = shift };

    private static string? Text(IRenderedComponent<Composer> composer) => composer.Find("textarea[aria-label='Message']").GetAttribute("value");

    [Fact]
    public async Task Enter_sends_the_text_and_empties_the_box()
    {
        var (admin, actor, conversation) = await ConversationAsync();
        var composer = RenderComposer(conversation, actor);

        await composer.Find("textarea").InputAsync(new() { Value = "Your parcel left the warehouse" });
        await composer.Find("textarea").KeyDownAsync(Key("Enter"));

        Assert.Equal(["Your parcel left the warehouse"], await SentTextsAsync(admin.OrganizationId, conversation.Id));
        Assert.Equal(1, sent);
        composer.WaitForAssertion(() => Assert.Equal("", Text(composer) ?? ""));
    }

    [Fact]
    public async Task Shift_Enter_adds_a_line_and_sends_nothing()
    {
        var (admin, actor, conversation) = await ConversationAsync();
        var composer = RenderComposer(conversation, actor);

        await composer.Find("textarea").InputAsync(new() { Value = "First line" });
        await composer.Find("textarea").KeyDownAsync(Key("Enter", shift: true));

        Assert.Empty(await SentTextsAsync(admin.OrganizationId, conversation.Id));
        Assert.Equal(0, sent);
        Assert.False(composer.Find("button.send-button").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_slash_lists_the_quick_replies_the_arrows_move_and_Enter_inserts_the_chosen_one_without_sending()
    {
        var (admin, actor, conversation) = await ConversationAsync();
        await QuickReplyAsync(admin, "thanks", "Thank you", "Thanks for writing, {{contact.name}}!");
        await QuickReplyAsync(admin, "tracking", "Tracking link", "Here is your tracking link.");
        var composer = RenderComposer(conversation, actor);

        await composer.Find("textarea").InputAsync(new() { Value = "/" });
        var options = composer.FindAll("[role=listbox][aria-label='Quick replies'] [role=option]");
        Assert.Equal(2, options.Count);
        Assert.Equal("true", options[0].GetAttribute("aria-selected"));

        await composer.Find("textarea").KeyDownAsync(Key("ArrowDown"));
        Assert.Equal(["false", "true"], composer.FindAll("[role=option]").Select(o => o.GetAttribute("aria-selected")));
        await composer.Find("textarea").KeyDownAsync(Key("ArrowDown"));
        Assert.Equal("true", composer.FindAll("[role=option]")[0].GetAttribute("aria-selected"));
        await composer.Find("textarea").KeyDownAsync(Key("ArrowUp"));
        var chosen = composer.FindAll("[role=option]").Single(o => o.GetAttribute("aria-selected") == "true").TextContent;

        await composer.Find("textarea").KeyDownAsync(Key("Enter"));

        var expected = chosen.Contains("/thanks") ? $"Thanks for writing, {conversation.Contact.DisplayName}!" : "Here is your tracking link.";
        composer.WaitForAssertion(() => Assert.Equal(expected, Text(composer)));
        Assert.Empty(composer.FindAll("[role=listbox]"));
        Assert.Empty(await SentTextsAsync(admin.OrganizationId, conversation.Id));
        Assert.Equal(0, sent);

        // The next Enter sends what was inserted.
        await composer.Find("textarea").KeyDownAsync(Key("Enter"));
        Assert.Equal([expected], await SentTextsAsync(admin.OrganizationId, conversation.Id));
    }

    [Fact]
    public async Task Tab_inserts_the_quick_reply_and_Escape_closes_the_list_keeping_the_text()
    {
        var (admin, actor, conversation) = await ConversationAsync();
        await QuickReplyAsync(admin, "hours", "Opening hours", "We are open 9 to 5.");
        var composer = RenderComposer(conversation, actor);

        await composer.Find("textarea").InputAsync(new() { Value = "/hou" });
        Assert.Single(composer.FindAll("[role=option]"));
        await composer.Find("textarea").KeyDownAsync(Key("Escape"));
        Assert.Empty(composer.FindAll("[role=listbox]"));
        Assert.Equal("/hou", Text(composer));

        await composer.Find("textarea").InputAsync(new() { Value = "/hours" });
        await composer.Find("textarea").KeyDownAsync(Key("Tab"));
        composer.WaitForAssertion(() => Assert.Equal("We are open 9 to 5.", Text(composer)));
        Assert.Empty(await SentTextsAsync(admin.OrganizationId, conversation.Id));
    }

    [Fact]
    public async Task Enter_on_a_shortcut_whose_list_has_not_arrived_inserts_the_quick_reply_instead_of_sending_the_shortcut()
    {
        var (admin, actor, conversation) = await ConversationAsync();
        var composer = RenderComposer(conversation, actor);
        // The list was empty when the text was typed (the quick reply did not exist yet), as when Enter beats the list.
        await composer.Find("textarea").InputAsync(new() { Value = "/thanks" });
        Assert.Empty(composer.FindAll("[role=listbox]"));
        await QuickReplyAsync(admin, "thanks", "Thank you", "Thank you!");

        await composer.Find("textarea").KeyDownAsync(Key("Enter"));

        composer.WaitForAssertion(() => Assert.Equal("Thank you!", Text(composer)));
        Assert.Empty(await SentTextsAsync(admin.OrganizationId, conversation.Id));
    }

    [Fact]
    public async Task Outside_the_24_hour_window_the_composer_says_why_and_offers_no_text_box_or_send_button()
    {
        var (_, actor, conversation) = await ConversationAsync(customerWroteAt: DateTimeOffset.UtcNow.AddHours(-30));
        Assert.False(conversation.WindowOpen);

        var composer = RenderComposer(conversation, actor);

        Assert.Contains("cannot be sent outside the 24-hour window", composer.Find("[data-testid=composer-closed]").TextContent);
        Assert.Empty(composer.FindAll("textarea"));
        Assert.Empty(composer.FindAll("button.send-button"));
    }
}
