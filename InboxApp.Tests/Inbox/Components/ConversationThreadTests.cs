using Bunit;
using InboxApp.Core.Conversations;
using InboxApp.Core.Events;
using InboxApp.Core.Messaging;
using InboxApp.Features.Inbox;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;

namespace InboxApp.Tests.Inbox.Components;

/// <summary>
/// The thread reloads on every event of its conversation; the reloads overlap and may finish in any order. Its reads go
/// through a context whose next read of messages is held after it ran, and it hears only the events the test hands it
/// (<see cref="HeldReads"/>), so an older read finishing last is made to happen.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class ConversationThreadTests(NoJobsAppFactory factory) : InboxComponentTest(factory)
{
    [Fact]
    public async Task A_reload_that_read_before_a_change_and_finished_after_a_later_one_does_not_bring_the_old_state_back()
    {
        var (admin, actor, conversation) = await ConversationAsync();
        var (thread, held, bus) = RenderHeld(conversation.Id, actor);
        thread.WaitForAssertion(() => Assert.Single(thread.FindAll(".bubble")));
        Assert.Empty(thread.FindAll(".hidden-note"));
        var heard = Assert.Single(bus.Handlers);
        var message = Assert.Single((await Service<ConversationMessages>().PageAsync(actor, conversation.Id, null, 10)).Items);

        // A reload reads the thread and is held there; an admin hides the message; a later reload shows it hidden.
        held.Arm();
        var first = heard(new ConversationUpdated(admin.OrganizationId, conversation.Id));
        await held.Caught.WaitAsync(TimeSpan.FromSeconds(15));
        await Service<ReactionService>().ToggleHiddenAsync(actor, message.Id);
        await heard(new ConversationUpdated(admin.OrganizationId, conversation.Id));
        thread.WaitForAssertion(() => Assert.Single(thread.FindAll(".hidden-note")));

        // The held reload finishes last, with what it read before the message was hidden: the thread keeps the newer state.
        held.Release();
        await first.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Single(thread.FindAll(".hidden-note"));
    }

    [Fact]
    public async Task A_reload_for_a_conversation_no_longer_open_does_not_put_its_messages_into_the_open_one()
    {
        var (admin, actor, _) = await ConversationAsync();
        var (_, _, metaId) = await Factory.SeedNumberAsync(admin.OrganizationId);
        var (first, _, _) = await Factory.InboundTextAsync(metaId, MessagingTestData.NewWaId(), "My order never came");
        var (other, _, _) = await Factory.InboundTextAsync(metaId, MessagingTestData.NewWaId(), "Can I change my address?");
        var (thread, held, bus) = RenderHeld(first, actor);
        thread.WaitForAssertion(() => Assert.Contains("My order never came", thread.Find(".bubble").TextContent));

        // A reload of the first conversation is held; the agent opens the other one meanwhile.
        held.Arm();
        var reload = bus.Handlers[0](new ConversationUpdated(admin.OrganizationId, first));
        await held.Caught.WaitAsync(TimeSpan.FromSeconds(15));
        thread.Render(p => p.Add(t => t.ConversationId, other));
        thread.WaitForAssertion(() => Assert.Contains("Can I change my address?", Assert.Single(thread.FindAll(".bubble")).TextContent));

        // The held reload of the first conversation finishes: the open one still shows only its own message.
        held.Release();
        await reload.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Contains("Can I change my address?", Assert.Single(thread.FindAll(".bubble")).TextContent);
        Assert.DoesNotContain("My order never came", thread.Markup);
    }

    /// <summary>The thread on <paramref name="conversationId"/>, its message reads through <see cref="HeldRead"/>, its events from the test.</summary>
    private (IRenderedComponent<ConversationThread> Thread, HeldRead Held, HandedEvents Bus) RenderHeld(Guid conversationId, Core.Identity.Actor actor)
    {
        var held = new HeldRead();
        var bus = new HandedEvents();
        Services.AddFallbackServiceProvider(new Overrides(Factory.Services, new()
        {
            [typeof(ConversationMessages)] = new ConversationMessages(HeldReads.Db(Factory.Services, held)),
            [typeof(IInboxEventBus)] = bus,
        }));
        var thread = Render<ConversationThread>(p => p
            .Add(t => t.ConversationId, conversationId)
            .Add(t => t.Actor, actor)
            .Add(t => t.PresenceKey, "thread-test"));
        return (thread, held, bus);
    }
}
