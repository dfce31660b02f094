using Bunit;
using InboxApp.Core.Identity;
using InboxApp.Features.Inbox;
using InboxApp.Tests.Infrastructure;

namespace InboxApp.Tests.Inbox.Components;

/// <summary>The list's empty states: a new organization is shown its next step; filters that match nothing say so.</summary>
[Collection(SharedApp.Second)]
public sealed class ConversationListPaneTests(NoJobsAppFactory factory) : InboxComponentTest(factory)
{
    [Fact]
    public async Task A_new_organization_is_pointed_to_channels_and_the_sandbox_and_a_search_that_finds_nothing_says_so()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var pane = Render<ConversationListPane>(p => p.Add(l => l.Actor, ActorOf(admin, UserRole.ADMIN)));

        pane.WaitForAssertion(() => Assert.Contains("No conversations yet: connect a number or open the sandbox", pane.Find("[data-testid=list-empty]").TextContent));
        Assert.Equal(["/settings/channels", "/sandbox"], pane.FindAll("[data-testid=list-empty] a").Select(a => a.GetAttribute("href")));

        await pane.Find("input[aria-label='Search conversations']").ChangeAsync(new() { Value = "nobody" });
        pane.WaitForAssertion(() => Assert.Equal("No conversations match these filters.", pane.Find("[data-testid=list-empty]").TextContent.Trim()));
    }

    [Fact]
    public async Task An_organization_whose_conversations_are_all_resolved_is_not_told_it_has_none()
    {
        var (_, actor, conversation) = await ConversationAsync();
        await Service<Core.Conversations.ConversationService>().ResolveAsync(actor, conversation.Id);

        var pane = Render<ConversationListPane>(p => p.Add(l => l.Actor, actor));

        pane.WaitForAssertion(() => Assert.Equal("No conversations match these filters.", pane.Find("[data-testid=list-empty]").TextContent.Trim()));
    }
}
