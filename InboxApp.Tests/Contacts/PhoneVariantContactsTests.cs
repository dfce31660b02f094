using System.Net;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Contacts;

[Collection(SharedApp.Second)]
public sealed class PhoneVariantContactsTests(NoJobsAppFactory factory)
{
    [Theory]
    [InlineData("5215512345678", "525512345678")] // Mexico: with and without the 1 after 52
    [InlineData("5491123456789", "541123456789")] // Argentina: with and without the 9 after 54
    public async Task Messages_from_both_forms_of_a_mobile_number_reach_one_contact_and_one_conversation(string first, string second)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var client = factory.CreateClient();
        await (await client.SendAsync(Signed(Messages(metaId, Array(Contact(first, "Luz")),
            Array(Text($"wamid.v1{Guid.NewGuid():N}", first, "hola", DateTimeOffset.UtcNow)))))).ShouldBe(HttpStatusCode.OK);
        await (await client.SendAsync(Signed(Messages(metaId, Array(Contact(second, "Luz")),
            Array(Text($"wamid.v2{Guid.NewGuid():N}", second, "otra vez", DateTimeOffset.UtcNow)))))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();

        await using var db = factory.SystemDb();
        var contact = await db.Contacts.SingleAsync(c => c.OrganizationId == admin.OrganizationId);
        Assert.Equal(second, contact.ReplyTo);
        Assert.Equal(1, await db.Conversations.CountAsync(c => c.OrganizationId == admin.OrganizationId));
        Assert.Equal(2, await db.Messages.CountAsync(m => m.OrganizationId == admin.OrganizationId));
    }
}
