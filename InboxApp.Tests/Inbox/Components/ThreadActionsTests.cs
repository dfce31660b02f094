using Bunit;
using InboxApp.Core.Conversations;
using InboxApp.Core.Identity;
using InboxApp.Features.Inbox;
using InboxApp.Tests.Conversations;
using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Inbox.Components;

/// <summary>The thread's actions offer only what the user may do, and resolving can be undone or reopened.</summary>
[Collection(SharedApp.Name)]
public sealed class ThreadActionsTests(NoJobsAppFactory factory) : InboxComponentTest(factory)
{
    private ConversationDto? changed;

    private IRenderedComponent<ThreadActions> RenderActions(ConversationDto conversation, Actor actor, bool botEnabled = false) => Render<ThreadActions>(p => p
        .Add(a => a.Conversation, conversation)
        .Add(a => a.Actor, actor)
        .Add(a => a.BotEnabled, botEnabled)
        .Add(a => a.OnChanged, EventCallback.Factory.Create<ConversationDto>(this, c => changed = c)));

    private static List<string> Buttons(IRenderedComponent<ThreadActions> actions) =>
        actions.FindAll("[role=toolbar] button").Select(b => b.TextContent.Trim()).ToList();

    [Fact]
    public async Task An_agent_is_offered_take_over_on_an_unassigned_conversation_and_nothing_of_a_colleagues_but_resolve()
    {
        var (admin, adminActor, conversation) = await ConversationAsync();
        var alex = await Factory.MemberAsync(admin, "AGENT");
        var blair = await Factory.MemberAsync(admin, "AGENT");

        var offered = RenderActions(conversation, ActorOf(alex, UserRole.AGENT), botEnabled: true);
        Assert.Equal(["Take over", "Return to bot", "Resolve"], Buttons(offered));

        var held = await Service<ConversationService>().AssignAsync(adminActor, conversation.Id, blair.UserId);
        var refused = RenderActions(held, ActorOf(alex, UserRole.AGENT), botEnabled: true);
        Assert.Equal(["Resolve"], Buttons(refused));
        Assert.Empty(refused.FindAll("[data-testid=take-over]"));

        // Blair holds it: no take over, but unassign and back to the bot.
        Assert.Equal(["Unassign", "Return to bot", "Resolve"], Buttons(RenderActions(held, ActorOf(blair, UserRole.AGENT), botEnabled: true)));
    }

    [Fact]
    public async Task A_supervisor_may_take_over_a_colleagues_conversation_and_it_becomes_theirs()
    {
        var (admin, adminActor, conversation) = await ConversationAsync();
        var blair = await Factory.MemberAsync(admin, "AGENT");
        var sam = await Factory.MemberAsync(admin, "SUPERVISOR");
        var held = await Service<ConversationService>().AssignAsync(adminActor, conversation.Id, blair.UserId);

        var actions = RenderActions(held, ActorOf(sam, UserRole.SUPERVISOR));
        await actions.Find("[data-testid=take-over]").ClickAsync(new());

        Assert.Equal(sam.UserId, changed?.Assignee?.Id);
        Assert.Equal(ConversationStatus.HUMAN_HANDLING, changed?.Status);
    }

    [Fact]
    public async Task Return_to_bot_is_offered_only_when_the_organization_has_its_bot_switched_on()
    {
        var (admin, actor, conversation) = await ConversationAsync();
        Assert.DoesNotContain("Return to bot", Buttons(RenderActions(conversation, actor, botEnabled: false)));

        var actions = RenderActions(conversation, actor, botEnabled: true);
        await actions.FindAll("[role=toolbar] button").Single(b => b.TextContent.Trim() == "Return to bot").ClickAsync(new());
        await actions.Find("#handoff-summary").ChangeAsync(new() { Value = "Wants a refund for order 5521" });
        await actions.Find("[data-testid=handoff] button").ClickAsync(new());

        Assert.Equal(ConversationStatus.BOT_HANDLING, changed?.Status);
        Assert.Equal("Wants a refund for order 5521", changed?.HandoffSummary);
    }

    [Fact]
    public async Task Resolving_says_so_with_an_undo_that_brings_the_status_back_and_a_resolved_conversation_offers_reopen()
    {
        var (_, actor, conversation) = await ConversationAsync();
        var before = conversation.Status;
        var snackbars = Snackbars();
        var actions = RenderActions(conversation, actor);

        await actions.Find("[data-testid=resolve]").ClickAsync(new());
        Assert.Equal(ConversationStatus.CLOSED, changed?.Status);
        snackbars.WaitForAssertion(() => Assert.Contains("Conversation resolved", snackbars.Markup));

        actions.Render(p => p.Add(a => a.Conversation, changed!));
        Assert.Empty(actions.FindAll("[data-testid=resolve]"));
        Assert.Single(actions.FindAll("[data-testid=reopen]"));

        // The snackbar re-renders by itself as it shows (its buttons get new handlers): find Undo again until a click lands.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                await snackbars.FindAll("button").Single(b => b.TextContent.Trim() == "Undo").ClickAsync(new());
                break;
            }
            catch (Bunit.Rendering.UnknownEventHandlerIdException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(25);
            }
        }
        // The undo runs from the snackbar, outside this component's renders: poll for it.
        await Messaging.MessagingTestData.EventuallyAsync(() => Task.FromResult(changed?.Status == before), "the undo to restore the status");
        Assert.Equal(before, (await Service<ConversationService>().GetAsync(actor, conversation.Id)).Status);

        // Resolved again, then reopened from the button.
        var resolved = await Service<ConversationService>().ResolveAsync(actor, conversation.Id);
        actions.Render(p => p.Add(a => a.Conversation, resolved));
        await actions.Find("[data-testid=reopen]").ClickAsync(new());
        Assert.Equal(ConversationStatus.OPEN, changed?.Status);
        Assert.Null(changed?.ResolvedAt);
    }
}
