using Bunit;
using InboxApp.Core.Conversations;
using InboxApp.Core.Messaging;
using InboxApp.Features.Inbox;
using Microsoft.AspNetCore.Components;

namespace InboxApp.Tests.Inbox.Components;

/// <summary>The message bubble in bunit: every message type shows its content, every delivery status its ticks and label.</summary>
public sealed class MessageBubbleComponentTests : MudBunitContext
{
    private static MessageDto Build(Action<Message> set)
    {
        var message = new Message
        {
            Id = Guid.NewGuid(), ConversationId = Guid.NewGuid(), Direction = MessageDirection.INBOUND, Type = MessageType.TEXT,
            Status = MessageStatus.RECEIVED, Timestamp = new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero), CreatedAt = DateTimeOffset.UtcNow,
        };
        set(message);
        return MessageDto.From(message);
    }

    private IRenderedComponent<MessageBubble> RenderBubble(MessageDto message, Action<ComponentParameterCollectionBuilder<MessageBubble>>? more = null) =>
        Render<MessageBubble>(p =>
        {
            p.Add(b => b.Message, message);
            more?.Invoke(p);
        });

    /// <summary>What each type puts in the bubble's body (a downloaded media file is rendered by kind).</summary>
    public static TheoryData<MessageType, string> Types() => new()
    {
        { MessageType.TEXT, "<strong>Hello</strong>" },
        { MessageType.IMAGE, "<img class=\"media-image\"" },
        { MessageType.STICKER, "<img class=\"media-sticker\"" },
        { MessageType.VIDEO, "<video class=\"media-video\"" },
        { MessageType.AUDIO, "aria-label=\"Audio message\"" },
        { MessageType.DOCUMENT, "invoice.pdf" },
        { MessageType.LOCATION, "Main Station" },
        { MessageType.CONTACTS, "👤" },
        { MessageType.INTERACTIVE, "Chose" },
        { MessageType.BUTTON, "Chose" },
        { MessageType.TEMPLATE, "<strong>Hello</strong>" },
        { MessageType.ORDER, "<strong>Hello</strong>" },
        { MessageType.REFERRAL, "<strong>Hello</strong>" },
        { MessageType.SYSTEM, "<strong>Hello</strong>" },
        { MessageType.UNSUPPORTED, "Unsupported message type" },
    };

    [Theory]
    [MemberData(nameof(Types))]
    public void Every_message_type_shows_its_content(MessageType type, string expected)
    {
        var bubble = RenderBubble(Build(m =>
        {
            m.Type = type;
            m.Text = "*Hello* there";
            m.ReplyOptionTitle = type is MessageType.INTERACTIVE or MessageType.BUTTON ? "Track my order" : null;
            m.LocationName = type == MessageType.LOCATION ? "Main Station" : null;
            m.Latitude = type == MessageType.LOCATION ? 52.52 : null;
            m.Longitude = type == MessageType.LOCATION ? 13.37 : null;
            if (type is MessageType.IMAGE or MessageType.STICKER or MessageType.VIDEO or MessageType.AUDIO or MessageType.DOCUMENT)
            {
                m.Text = null;
                m.MediaStatus = MediaStatus.DOWNLOADED;
                m.MimeType = "application/octet-stream";
                m.FileName = "invoice.pdf";
                m.MediaSize = 2048;
            }
        }));

        var root = bubble.Find("[data-testid=message]");
        Assert.Equal(type.ToString(), root.GetAttribute("data-type"));
        Assert.Contains(expected, bubble.Find(".body").InnerHtml);
        if (type != MessageType.UNSUPPORTED) Assert.Empty(bubble.FindAll("[data-testid=unsupported]"));
    }

    [Fact]
    public void A_reply_choice_names_the_option_and_a_location_links_to_a_map()
    {
        var choice = RenderBubble(Build(m => { m.Type = MessageType.BUTTON; m.Text = "track"; m.ReplyOptionTitle = "Track my order"; }));
        Assert.Equal("Chose Track my order", choice.Find("[data-testid=choice]").TextContent.Trim().Replace("  ", " "));

        var location = RenderBubble(Build(m => { m.Type = MessageType.LOCATION; m.Latitude = 52.52; m.Longitude = 13.37; }));
        Assert.StartsWith("https://", location.Find(".location a").GetAttribute("href"));
    }

    [Theory]
    [InlineData(MessageStatus.PENDING, "Sending", "🕓")]
    [InlineData(MessageStatus.UNKNOWN, "Waiting for WhatsApp to confirm", "?")]
    [InlineData(MessageStatus.SENT, "Sent", "✓")]
    [InlineData(MessageStatus.DELIVERED, "Delivered", "✓✓")]
    [InlineData(MessageStatus.READ, "Read", "✓✓")]
    [InlineData(MessageStatus.FAILED, "Failed", "⚠")]
    public void Every_delivery_status_of_an_agent_message_shows_its_ticks_and_label(MessageStatus status, string label, string ticks)
    {
        var bubble = RenderBubble(Build(m => { m.Direction = MessageDirection.OUTBOUND; m.Status = status; m.Text = "On its way"; }));

        var mark = bubble.Find("[data-testid=ticks]");
        Assert.Equal(label, mark.GetAttribute("aria-label"));
        Assert.Equal(ticks, mark.TextContent);
        Assert.Contains(status.ToString().ToLowerInvariant(), mark.ClassList);
        Assert.Equal(status == MessageStatus.FAILED, bubble.FindAll("[data-testid=message-error]").Count == 1);
    }

    [Fact]
    public void A_customer_message_has_no_ticks()
    {
        var bubble = RenderBubble(Build(m => m.Text = "Hi"));
        Assert.Contains("in", bubble.Find("[data-testid=message]").ClassList);
        Assert.Empty(bubble.FindAll("[data-testid=ticks]"));
    }

    [Fact]
    public void A_failed_message_offers_retry_only_when_retry_is_wired_and_the_click_reaches_the_thread()
    {
        var failed = Build(m => { m.Direction = MessageDirection.OUTBOUND; m.Status = MessageStatus.FAILED; m.Text = "Hi"; m.ErrorCode = "131047"; });
        Assert.DoesNotContain("Retry", RenderBubble(failed).Find("[data-testid=message-error]").TextContent);

        MessageDto? retried = null;
        var bubble = RenderBubble(failed, p => p.Add(b => b.OnRetry, EventCallback.Factory.Create<MessageDto>(this, m => retried = m)));
        bubble.Find("[data-testid=message-error] button").Click();
        Assert.Equal(failed.Id, retried?.Id);
    }

    [Fact]
    public void Reply_and_the_quick_reactions_are_buttons_the_thread_listens_to_and_only_where_it_listens()
    {
        var message = Build(m => m.Text = "Which size fits me?");
        Assert.Empty(RenderBubble(message).FindAll(".actions"));

        var bubble = RenderBubble(message, p => p.Add(b => b.Actions, true));
        var root = bubble.Find("[data-testid=message]");
        Assert.Equal(message.Id.ToString(), root.GetAttribute("data-message-id"));
        var buttons = bubble.FindAll(".actions button");
        Assert.Equal(["Reply to this message", .. MessageBubble.QuickReactions.Select(e => $"React with {e}")], buttons.Select(b => b.GetAttribute("aria-label")));
        Assert.Equal(["reply", .. MessageBubble.QuickReactions.Select(_ => "react")], buttons.Select(b => b.GetAttribute("data-action")));
        Assert.Equal([null, .. MessageBubble.QuickReactions], buttons.Select(b => b.GetAttribute("data-emoji")));
        Assert.All(buttons, b => Assert.Equal("button", b.GetAttribute("type")));
    }

    [Fact]
    public void A_message_with_nothing_beyond_its_text_renders_no_details_view()
    {
        Assert.Empty(RenderBubble(Build(m => m.Text = "Hi")).FindComponents<MessageDetailsView>());

        var edited = RenderBubble(Build(m => { m.Text = "Hi again"; m.EditedAt = DateTimeOffset.UtcNow; }));
        Assert.Single(edited.FindComponents<MessageDetailsView>());
        Assert.Equal("Edited", edited.Find("[data-testid=message-edited] summary").TextContent);

        var revoked = RenderBubble(Build(m => { m.Text = "Oops"; m.RevokedAt = DateTimeOffset.UtcNow; }));
        Assert.Single(revoked.FindAll("[data-testid=message-revoked]"));
    }
}
