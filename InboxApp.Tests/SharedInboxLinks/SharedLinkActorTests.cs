using System.Net;
using System.Net.Http.Json;
using InboxApp.Core.Common;
using InboxApp.Core.Conversations;
using InboxApp.Core.Messaging;
using InboxApp.Core.SharedInboxLinks;
using InboxApp.Core.Templates;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.SharedInboxLinks;

/// <summary>
/// The link as an actor, in the services themselves: what it may do is exactly its permissions, on its own number, while it
/// is live; calling the sending and conversation services directly with a link actor is refused just the same.
/// </summary>
[Collection(SharedApp.Second)]
public sealed class SharedLinkActorTests(NoJobsAppFactory factory)
{
    private SharedInboxService Shared => factory.Services.GetRequiredService<SharedInboxService>();
    private MessageSender Sender => factory.Services.GetRequiredService<MessageSender>();
    private ConversationService Conversations => factory.Services.GetRequiredService<ConversationService>();

    private sealed record Setup(SignedIn Admin, Guid Number, Guid Conversation, Guid OtherConversation);

    private async Task<Setup> SetupAsync()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var number = await SharedInboxTestData.SandboxNumberAsync(admin);
        var other = await SharedInboxTestData.SandboxNumberAsync(admin, "Other");
        var conversation = await SharedInboxTestData.CustomerWritesAsync(admin, number, "Ana Shared", "Hi, my order?");
        var otherConversation = await SharedInboxTestData.CustomerWritesAsync(admin, other, "Omar Other", "Hello other");
        return new Setup(admin, number, conversation, otherConversation);
    }

    private static async Task<InboxException> Refused(Func<Task> action, int status, string code)
    {
        var e = await Assert.ThrowsAsync<InboxException>(action);
        Assert.Equal(status, e.StatusCode);
        Assert.Equal(code, e.Code);
        return e;
    }

    [Fact]
    public async Task A_link_sends_only_what_its_permissions_allow_and_is_recorded_as_the_sender()
    {
        var s = await SetupAsync();
        var readOnly = await s.Admin.Client.CreateLinkAsync(s.Number, new { readInbox = true, readDetails = true });
        await Refused(() => Shared.SendTextAsync(readOnly.Token, s.Conversation, "Hello"), 403, SharedLinkErrors.NotPermitted);
        await Refused(() => Shared.MarkReadAsync(readOnly.Token, s.Conversation), 403, SharedLinkErrors.NotPermitted);
        await Refused(() => Shared.SendTemplateAsync(readOnly.Token, s.Conversation, "hello_world", "en_US"), 403, SharedLinkErrors.NotPermitted);
        await Refused(() => Shared.SendLocationAsync(readOnly.Token, s.Conversation, new LocationContent(1, 2)), 403, SharedLinkErrors.NotPermitted);
        await using (var file = new MemoryStream([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]))
            await Refused(() => Shared.SendMediaAsync(readOnly.Token, s.Conversation, new MediaUpload(file, file.Length, "image/png", "a.png", null, null, null)),
                403, SharedLinkErrors.NotPermitted);

        // Directly in the services, with the link as the actor: the same refusals.
        var actor = (await Shared.OpenAsync(readOnly.Token)).Actor;
        await Refused(() => Sender.SendTextAsync(actor, s.Conversation, "Hello", null), 403, SharedLinkErrors.NotPermitted);
        await Refused(() => Conversations.MarkReadAsync(actor, s.Conversation), 403, SharedLinkErrors.NotPermitted);
        await Refused(() => factory.Services.GetRequiredService<TemplateService>().SendAsync(actor, "hello_world", s.Conversation, null, null), 403, SharedLinkErrors.NotPermitted);
        // Nothing a link is never allowed: resolving, assigning, reading through the agents' services.
        await Refused(() => Conversations.ResolveAsync(actor, s.Conversation), 403, SharedLinkErrors.NotPermitted);
        await Refused(() => Conversations.AssignAsync(actor, s.Conversation, s.Admin.UserId), 403, SharedLinkErrors.NotPermitted);
        await Refused(() => Conversations.GetAsync(actor, s.Conversation), 403, SharedLinkErrors.NotPermitted);
        await Refused(() => factory.Services.GetRequiredService<ConversationMessages>().PageAsync(actor, s.Conversation, null, 10), 403, SharedLinkErrors.NotPermitted);
        await Refused(() => Sender.RetryAsync(actor, Guid.NewGuid()), 403, SharedLinkErrors.NotPermitted);
        await Refused(() => factory.Services.GetRequiredService<ConversationQueryService>().ListAsync(actor, new ConversationFilter(), ConversationSort.newest, null, 10),
            403, SharedLinkErrors.NotPermitted);
        await Refused(() => factory.Services.GetRequiredService<Core.Contacts.ContactService>().ListAsync(actor, null, null, 10), 403, SharedLinkErrors.NotPermitted);

        var texter = await s.Admin.Client.CreateLinkAsync(s.Number, new { readInbox = true, sendText = true });
        var sent = await Shared.SendTextAsync(texter.Token, s.Conversation, "Hello from the agency");
        Assert.Equal(texter.Id, sent.SentByLinkId);
        Assert.Null(sent.SentById);
        await using var db = factory.SystemDb();
        var activity = await db.Set<SharedInboxLinkActivity>().SingleAsync(a => a.LinkId == texter.Id);
        Assert.Equal("message.sent", activity.Action);
        Assert.Equal(sent.Id, activity.MessageId);
        Assert.Equal(s.Admin.OrganizationId, activity.OrganizationId);
        // Over HTTP the organization sees who sent it.
        var messages = await (await s.Admin.Client.GetAsync($"/api/v1/conversations/{s.Conversation}/messages")).Data();
        Assert.Contains(messages.EnumerateArray(), m => m.TryGetProperty("sentByLinkId", out var l) && l.GetGuid() == texter.Id);
    }

    [Fact]
    public async Task A_link_sees_and_acts_on_its_own_number_only()
    {
        var s = await SetupAsync();
        var link = await s.Admin.Client.CreateLinkAsync(s.Number);
        var list = await Shared.ConversationsAsync(link.Token);
        Assert.Equal([s.Conversation], list.Select(c => c.Id));
        await Refused(() => Shared.ThreadAsync(link.Token, s.OtherConversation), 404, ErrorCodes.NotFound);
        await Refused(() => Shared.SendTextAsync(link.Token, s.OtherConversation, "Hi"), 404, ErrorCodes.NotFound);
        await Refused(() => Shared.MarkReadAsync(link.Token, s.OtherConversation), 404, ErrorCodes.NotFound);
        var actor = (await Shared.OpenAsync(link.Token)).Actor;
        await Refused(() => Sender.SendTextAsync(actor, s.OtherConversation, "Hi", null), 404, ErrorCodes.NotFound);
        await Refused(() => Conversations.MarkReadAsync(actor, s.OtherConversation), 404, ErrorCodes.NotFound);
        var otherMessage = await (await s.Admin.Client.GetAsync($"/api/v1/conversations/{s.OtherConversation}/messages")).Data();
        await Refused(() => Shared.MediaAsync(link.Token, otherMessage[0].GetProperty("id").GetGuid()), 404, ErrorCodes.NotFound);

        // Another organization's conversation is not found either.
        var stranger = await SetupAsync();
        await Refused(() => Shared.SendTextAsync(link.Token, stranger.Conversation, "Hi"), 404, ErrorCodes.NotFound);
        await Refused(() => Shared.ThreadAsync(link.Token, stranger.Conversation), 404, ErrorCodes.NotFound);

        var (conversation, messages) = await Shared.ThreadAsync(link.Token, s.Conversation);
        Assert.Equal("Ana Shared", conversation.Contact.DisplayName);
        Assert.Contains(messages, m => m.Text == "Hi, my order?");
        Assert.True(conversation.UnreadCount > 0);
        await Shared.MarkReadAsync(link.Token, s.Conversation);
        Assert.Equal(0, (await Shared.ThreadAsync(link.Token, s.Conversation)).Conversation.UnreadCount);
        await using var db = factory.SystemDb();
        Assert.True(await db.Set<SharedInboxLinkActivity>().AnyAsync(a => a.LinkId == link.Id && a.Action == "conversation.read" && a.ConversationId == s.Conversation));
    }

    [Fact]
    public async Task Read_permissions_decide_what_the_link_sees()
    {
        var s = await SetupAsync();
        var nothing = await s.Admin.Client.CreateLinkAsync(s.Number, new { sendText = true });
        await Refused(() => Shared.ConversationsAsync(nothing.Token), 403, SharedLinkErrors.NotPermitted);
        await Refused(() => Shared.ThreadAsync(nothing.Token, s.Conversation), 403, SharedLinkErrors.NotPermitted);
        // Sending needs the inbox to be readable too.
        await Refused(() => Shared.SendTextAsync(nothing.Token, s.Conversation, "Hi"), 403, SharedLinkErrors.NotPermitted);

        var masked = await s.Admin.Client.CreateLinkAsync(s.Number, new { readInbox = true });
        var contact = Assert.Single(await Shared.ConversationsAsync(masked.Token)).Contact;
        Assert.Null(contact.Phone);
        Assert.Null(contact.WaId);
        Assert.Equal("hidden", contact.Identifier);
        Assert.Equal("Ana Shared", contact.DisplayName);

        var detailed = await s.Admin.Client.CreateLinkAsync(s.Number, new { readInbox = true, readDetails = true });
        Assert.StartsWith("1415", Assert.Single(await Shared.ConversationsAsync(detailed.Token)).Contact.Phone);
    }

    [Fact]
    public async Task Revoked_rotated_expired_or_narrowed_links_stop_at_their_next_action()
    {
        var s = await SetupAsync();
        var revoked = await s.Admin.Client.CreateLinkAsync(s.Number);
        var revokedActor = (await Shared.OpenAsync(revoked.Token)).Actor;
        await (await s.Admin.Client.PostAsync($"/v1/shared-inbox-links/{revoked.Id}/revoke", null)).ShouldBe(HttpStatusCode.OK);
        await Refused(() => Shared.SendTextAsync(revoked.Token, s.Conversation, "Hi"), 403, SharedLinkErrors.Unavailable);
        await Refused(() => Shared.ConversationsAsync(revoked.Token), 403, SharedLinkErrors.Unavailable);
        // An actor taken before the revoke (an open page) is refused inside the services too.
        await Refused(() => Sender.SendTextAsync(revokedActor, s.Conversation, "Hi", null), 403, SharedLinkErrors.Unavailable);
        await Refused(() => Conversations.MarkReadAsync(revokedActor, s.Conversation), 403, SharedLinkErrors.Unavailable);

        var rotated = await s.Admin.Client.CreateLinkAsync(s.Number);
        var rotatedActor = (await Shared.OpenAsync(rotated.Token)).Actor;
        var fresh = await (await s.Admin.Client.PostAsync($"/v1/shared-inbox-links/{rotated.Id}/rotate", null)).Data();
        var newToken = new Uri(fresh.GetProperty("publicUrl").GetString()!).AbsolutePath["/s/".Length..];
        await Refused(() => Shared.SendTextAsync(rotated.Token, s.Conversation, "Hi"), 403, SharedLinkErrors.Unavailable);
        await Refused(() => Sender.SendTextAsync(rotatedActor, s.Conversation, "Hi", null), 403, SharedLinkErrors.Unavailable);
        var sent = await Shared.SendTextAsync(newToken, s.Conversation, "Through the new URL");
        Assert.Equal(rotated.Id, sent.SentByLinkId);

        var expiring = await s.Admin.Client.CreateLinkAsync(s.Number, expiresAt: DateTimeOffset.UtcNow.AddHours(1));
        var expiringActor = (await Shared.OpenAsync(expiring.Token)).Actor;
        await using (var db = factory.SystemDb())
            await db.Set<SharedInboxLink>().Where(l => l.Id == expiring.Id).ExecuteUpdateAsync(x => x.SetProperty(l => l.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        await Refused(() => Shared.SendTextAsync(expiring.Token, s.Conversation, "Hi"), 403, SharedLinkErrors.Unavailable);
        await Refused(() => Sender.SendTextAsync(expiringActor, s.Conversation, "Hi", null), 403, SharedLinkErrors.Unavailable);

        // Permissions taken away apply to an actor already open (the services read the current ones).
        var narrowed = await s.Admin.Client.CreateLinkAsync(s.Number);
        var narrowedActor = (await Shared.OpenAsync(narrowed.Token)).Actor;
        await (await s.Admin.Client.PatchAsJsonAsync($"/v1/shared-inbox-links/{narrowed.Id}", new { permissions = new { readInbox = true } })).ShouldBe(HttpStatusCode.OK);
        await Refused(() => Sender.SendTextAsync(narrowedActor, s.Conversation, "Hi", null), 403, SharedLinkErrors.NotPermitted);
        await Refused(() => Shared.SendTextAsync(narrowed.Token, s.Conversation, "Hi"), 403, SharedLinkErrors.NotPermitted);

        await Refused(() => Shared.OpenAsync(Secrets.NewToken(32)), 403, SharedLinkErrors.Unavailable);
    }
}
