using Bunit;
using InboxApp.Core.Conversations;
using InboxApp.Features.Inbox;

namespace InboxApp.Tests.Inbox.Components;

/// <summary>A row of the conversation list: unread count, a customer waiting for a reply, a closed window, the assignee.</summary>
public sealed class ConversationListItemTests : MudBunitContext
{
    private static ConversationDto Row(int unread = 0, MessageDirection last = MessageDirection.INBOUND, bool windowOpen = true,
        UserRefDto? assignee = null, ConversationStatus status = ConversationStatus.OPEN)
    {
        var now = DateTimeOffset.UtcNow;
        return new ConversationDto(Guid.NewGuid(), Guid.NewGuid(),
            new ConversationContactDto(Guid.NewGuid(), "4915112345678", "4915112345678", "4915112345678", null, "Chloé", null, "Chloé Martin", null),
            status, ConversationOrigin.INBOUND, assignee, null, null, [], unread, "Where is my parcel?", now.AddMinutes(-3), last, now.AddMinutes(-3),
            windowOpen, windowOpen ? now.AddHours(20) : now.AddHours(-4), null, null, null, now.AddDays(-1), now, null, null);
    }

    private IRenderedComponent<ConversationListItem> RenderRow(ConversationDto c, bool selected = false) =>
        Render<ConversationListItem>(p => p.Add(r => r.Conversation, c).Add(r => r.Selected, selected));

    [Fact]
    public void An_unread_conversation_is_bold_with_its_count_and_links_to_its_thread()
    {
        var c = Row(unread: 3);
        var row = RenderRow(c);

        var link = row.Find("a[data-testid=conversation-row]");
        Assert.Equal($"/inbox/{c.Id}", link.GetAttribute("href"));
        Assert.Contains("unread", link.ClassList);
        Assert.Equal("Chloé Martin", row.Find(".contact-name").TextContent);
        var badge = row.Find(".unread-badge");
        Assert.Equal("3 unread", badge.GetAttribute("aria-label"));
        Assert.Equal("3", badge.TextContent.Trim());
    }

    [Fact]
    public void A_read_conversation_has_no_badge_and_the_agents_last_reply_is_prefixed()
    {
        var row = RenderRow(Row(unread: 0, last: MessageDirection.OUTBOUND));
        Assert.DoesNotContain("unread", row.Find("a").ClassList);
        Assert.Empty(row.FindAll(".unread-badge"));
        Assert.StartsWith("You: ", row.Find(".row-preview").TextContent);
    }

    [Fact]
    public void A_customer_waiting_for_a_reply_is_marked_as_needing_action_until_resolved()
    {
        Assert.Equal("Needs reply", RenderRow(Row(last: MessageDirection.INBOUND)).Find("[data-testid=row-needs-action]").TextContent);
        Assert.Empty(RenderRow(Row(last: MessageDirection.OUTBOUND)).FindAll("[data-testid=row-needs-action]"));
        Assert.Empty(RenderRow(Row(last: MessageDirection.INBOUND, status: ConversationStatus.CLOSED)).FindAll("[data-testid=row-needs-action]"));
    }

    [Fact]
    public void A_closed_window_is_shown_on_the_row()
    {
        Assert.Equal("Window closed", RenderRow(Row(windowOpen: false)).Find("[data-testid=row-window-closed]").TextContent);
        Assert.Empty(RenderRow(Row(windowOpen: true)).FindAll("[data-testid=row-window-closed]"));
    }

    [Fact]
    public void The_assignee_is_named_and_the_selected_row_is_the_current_page()
    {
        var row = RenderRow(Row(assignee: new UserRefDto(Guid.NewGuid(), "Alex Agent")), selected: true);
        Assert.Equal("Alex Agent", row.Find("[data-testid=row-assignee]").TextContent);
        Assert.Equal("page", row.Find("a").GetAttribute("aria-current"));
        Assert.Contains("selected", row.Find("a").ClassList);
        Assert.Empty(RenderRow(Row()).FindAll("[data-testid=row-assignee]"));
    }
}
