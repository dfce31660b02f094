using System.Net;
using InboxApp.Core.Data;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Events;

public static class EventsTestData
{
    /// <summary>A new customer writes to the organization's number (the processor raises ContactCreated); returns the contact's id.</summary>
    public static async Task<Guid> NewCustomerWritesAsync(this InboxAppFactory factory, Guid organizationId, string? metaPhoneNumberId = null, bool drainOutbox = true)
    {
        var metaId = metaPhoneNumberId ?? (await factory.SeedNumberAsync(organizationId)).MetaPhoneNumberId;
        var from = "1555" + Random.Shared.Next(1_000_000, 9_999_999);
        var body = Messages(metaId, Array(Contact(from, "Customer")), Array(Text($"wamid.events-{Guid.NewGuid():N}", from, "hello", DateTimeOffset.UtcNow.AddSeconds(-5))));
        await (await factory.CreateClient().SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync(outbox: drainOutbox);
        await using var db = factory.Services.GetRequiredService<InboxDb>().For(organizationId);
        return await db.Contacts.Where(c => c.Identifier == from).Select(c => c.Id).SingleAsync();
    }

    /// <summary>Polls until <paramref name="condition"/> holds (or fails the test after <paramref name="timeout"/>).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("Timed out waiting: " + (because ?? "condition"));
            await Task.Delay(25);
        }
    }

    public static Task EventuallyAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null) =>
        EventuallyAsync(() => Task.FromResult(condition()), timeout, because);
}
