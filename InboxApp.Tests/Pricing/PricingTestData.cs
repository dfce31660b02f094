using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Messaging;
using InboxApp.Core.Pricing;
using Microsoft.EntityFrameworkCore;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Pricing;

/// <summary>What the pricing tests set up alike.</summary>
internal static class PricingTestData
{
    /// <summary>A customer of <paramref name="waId"/> wrote to a Cloud API number, and we sent them a template (as the sender stores it, SENT with its wamid).</summary>
    public static async Task<(SignedIn Admin, string MetaId, Guid MessageId, string Wamid)> SentTemplateAsync(InboxAppFactory factory, string waId)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var (conversationId, _, _) = await factory.InboundTextAsync(metaId, waId);
        var wamid = "wamid.OUT" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        var message = new Message
        {
            ConversationId = conversationId, Direction = MessageDirection.OUTBOUND, Type = MessageType.TEMPLATE, Text = "Our spring sale starts today",
            WaMessageId = wamid, Status = MessageStatus.SENT, Timestamp = now, CreatedAt = now, SentAt = now,
        };
        await using (var db = factory.Services.GetRequiredService<InboxDb>().For(admin.OrganizationId))
        {
            db.Messages.Add(message);
            await db.SaveChangesAsync();
        }
        return (admin, metaId, message.Id, wamid);
    }

    /// <summary>
    /// Puts the price table back as the migrations seed it (every market's row and every region's countries; markets and
    /// countries added since removed) and drops the host's cached region membership. The table is shared by every
    /// organization: the classes that change it run in one collection (<see cref="SharedApp.Jobs"/>, one after another) and
    /// call this before each test, so each test starts from the seed whatever ran before it on that host.
    /// </summary>
    public static async Task ResetPriceTableAsync(InboxAppFactory factory)
    {
        await using (var db = factory.SystemDb())
        {
            await db.Set<PriceRegionCountry>().ExecuteDeleteAsync();
            await db.Set<MarketPrice>().ExecuteDeleteAsync();
            db.AddRange(PriceCard.Seed());
            db.AddRange(PriceRegions.Seed());
            await db.SaveChangesAsync();
        }
        factory.Services.GetRequiredService<PriceRegionMembership>().Invalidate();
    }
}
