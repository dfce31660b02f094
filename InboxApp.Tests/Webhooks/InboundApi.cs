using System.Net;
using System.Text.Json;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Webhooks;

/// <summary>Reads what the webhook pipeline stored the way API clients see it.</summary>
public static class InboundApi
{
    /// <summary>The conversation's messages as <c>GET /conversations/{id}/messages</c> returns them.</summary>
    public static async Task<List<JsonElement>> MessagesAsync(SignedIn member, Guid conversationId)
    {
        var response = await member.Client.GetAsync($"/api/v1/conversations/{conversationId}/messages?limit=100");
        await response.ShouldBe(HttpStatusCode.OK);
        return (await response.Data()).EnumerateArray().ToList();
    }

    /// <summary>The message stored under <paramref name="wamid"/>, as the API returns it.</summary>
    public static async Task<JsonElement> MessageAsync(InboxAppFactory factory, SignedIn member, string wamid)
    {
        Guid conversationId;
        await using (var db = factory.SystemDb())
            conversationId = await db.Messages.Where(m => m.WaMessageId == wamid).Select(m => m.ConversationId).SingleAsync();
        return (await MessagesAsync(member, conversationId)).Single(m => m.GetProperty("waMessageId").GetString() == wamid);
    }
}
