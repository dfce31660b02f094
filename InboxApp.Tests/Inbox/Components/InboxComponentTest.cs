using System.Net;
using System.Net.Http.Json;
using Bunit;
using InboxApp.Core.Conversations;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using InboxApp.Tests.Conversations;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace InboxApp.Tests.Inbox.Components;

/// <summary>
/// bunit tests of the inbox components against the real application: its Core services (and database) answer what the
/// components inject, through a fallback to the app factory's provider; MudBlazor's services are the test context's own.
/// Data is made through the front door (registration, signed webhooks, the API).
/// </summary>
public abstract class InboxComponentTest : MudBunitContext
{
    protected InboxComponentTest(InboxAppFactory factory)
    {
        Factory = factory;
        Services.AddFallbackServiceProvider(factory.Services);
    }

    protected InboxAppFactory Factory { get; }

    protected T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    /// <summary>A new organization with one customer's conversation (from a signed webhook), seen by its admin.</summary>
    protected async Task<(SignedIn Admin, Actor Actor, ConversationDto Conversation)> ConversationAsync(DateTimeOffset? customerWroteAt = null)
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var actor = new Actor(admin.UserId, admin.OrganizationId, UserRole.ADMIN);
        Guid id;
        if (customerWroteAt is { } at)
        {
            var (_, _, metaId) = await Factory.SeedNumberAsync(admin.OrganizationId);
            (id, _, _) = await Factory.InboundTextAsync(metaId, MessagingTestData.NewWaId(), at: at);
        }
        else
        {
            (id, _, _) = await Factory.SeedConversationAsync(admin.OrganizationId);
        }
        return (admin, actor, await Service<ConversationService>().GetAsync(actor, id));
    }

    protected static Actor ActorOf(SignedIn member, UserRole role) => new(member.UserId, member.OrganizationId, role);

    protected async Task QuickReplyAsync(SignedIn admin, string shortcut, string title, string text) =>
        await (await admin.Client.PostAsJsonAsync("/api/v1/quick-replies", new { shortcut, title, text })).ShouldBe(HttpStatusCode.Created);

    /// <summary>The texts agents sent in the conversation, oldest first.</summary>
    protected async Task<List<string?>> SentTextsAsync(Guid organizationId, Guid conversationId)
    {
        await using var db = Factory.SystemDb();
        return await db.Messages.Where(m => m.OrganizationId == organizationId && m.ConversationId == conversationId && m.Direction == MessageDirection.OUTBOUND)
            .OrderBy(m => m.CreatedAt).Select(m => m.Text).ToListAsync();
    }

    /// <summary>The snackbars on screen (render once per test, before what raises them).</summary>
    protected IRenderedComponent<MudSnackbarProvider> Snackbars() => Render<MudSnackbarProvider>();
}
