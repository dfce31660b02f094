using Bunit;
using InboxApp.Core.Conversations;
using InboxApp.Features.Inbox;
using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace InboxApp.Tests.Inbox.Components;

/// <summary>The details beside a thread: the contact, the follow-up (its due time required) and a way to close the panel.</summary>
[Collection(SharedApp.Name)]
public sealed class ConversationSidePanelTests(NoJobsAppFactory factory) : InboxComponentTest(factory)
{
    private ConversationDto? changed;
    private int closed;

    private IRenderedComponent<ConversationSidePanel> RenderPanel(ConversationDto conversation, Core.Identity.Actor actor) => Render<ConversationSidePanel>(p => p
        .Add(s => s.Conversation, conversation)
        .Add(s => s.Actor, actor)
        .Add(s => s.OnChanged, EventCallback.Factory.Create<ConversationDto>(this, c => changed = c))
        .Add(s => s.OnClose, EventCallback.Factory.Create(this, () => closed++)));

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<ConversationSidePanel> panel, string name) =>
        panel.FindAll("button").Single(b => b.TextContent.Trim() == name || b.GetAttribute("aria-label") == name);

    [Fact]
    public async Task A_follow_up_cannot_be_set_without_a_due_time_and_is_saved_with_one()
    {
        var (_, actor, conversation) = await ConversationAsync();
        var panel = RenderPanel(conversation, actor);
        panel.WaitForAssertion(() => Assert.Equal("true", panel.Find("[data-testid=side-panel]").GetAttribute("data-loaded")));

        await panel.Find("#follow-up-note").ChangeAsync(new() { Value = "Call back about the refund" });
        Assert.True(Button(panel, "Set follow-up").HasAttribute("disabled"));

        var due = DateTime.UtcNow.AddDays(2).Date.AddHours(10).AddMinutes(30);
        await panel.Find("#follow-up-due").InputAsync(new() { Value = due.ToString("yyyy-MM-ddTHH:mm") });
        Assert.False(Button(panel, "Set follow-up").HasAttribute("disabled"));
        await Button(panel, "Set follow-up").ClickAsync(new());

        Assert.Equal("Call back about the refund", changed?.FollowUp?.Note);
        Assert.Equal(new DateTimeOffset(due, TimeSpan.Zero), changed?.FollowUp?.DueAt);
    }

    [Fact]
    public async Task The_contact_is_renamed_from_the_panel()
    {
        var (_, actor, conversation) = await ConversationAsync();
        var panel = RenderPanel(conversation, actor);
        panel.WaitForAssertion(() => Assert.Equal("true", panel.Find("[data-testid=side-panel]").GetAttribute("data-loaded")));

        await panel.Find("#contact-name").ChangeAsync(new() { Value = "Chloé Martin" });
        await Button(panel, "Save contact").ClickAsync(new());

        Assert.Equal("Chloé Martin", changed?.Contact.DisplayName);
    }

    [Fact]
    public async Task The_panel_has_a_close_button()
    {
        var (_, actor, conversation) = await ConversationAsync();
        var panel = RenderPanel(conversation, actor);

        await Button(panel, "Close details").ClickAsync(new());

        Assert.Equal(1, closed);
    }
}
