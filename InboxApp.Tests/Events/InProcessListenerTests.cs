using InboxApp.Core.Contacts;
using InboxApp.Core.Data;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Events;

[Collection(OutboxFactory.Collection)]
public sealed class InProcessListenerTests(OutboxFactory factory)
{
    [Fact]
    public async Task An_in_process_listener_hears_a_new_customer_after_the_webhook_committed_the_contact()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var contactId = await factory.NewCustomerWritesAsync(admin.OrganizationId);

        await EventsTestData.EventuallyAsync(() => ContactRecorder.For(admin.OrganizationId).Any(h => h.ContactId == contactId), because: "the recorder hears the contact");
        Assert.Equal((contactId, true), Assert.Single(ContactRecorder.For(admin.OrganizationId)));
    }

    [Fact]
    public async Task In_process_listeners_hear_nothing_until_the_transaction_commits_and_nothing_of_one_rolled_back()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, phoneNumberId, _) = await factory.SeedNumberAsync(admin.OrganizationId);
        var inboxDb = factory.Services.GetRequiredService<InboxDb>();

        Guid committed;
        await using (var db = inboxDb.For(admin.OrganizationId))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            committed = AddContact(db, phoneNumberId, "15550001001");
            await db.SaveChangesAsync();
            await Task.Delay(300);
            Assert.Empty(ContactRecorder.For(admin.OrganizationId));
            await transaction.CommitAsync();
        }
        await EventsTestData.EventuallyAsync(() => ContactRecorder.For(admin.OrganizationId).Count == 1, because: "the committed event is heard");
        Assert.Equal((committed, true), Assert.Single(ContactRecorder.For(admin.OrganizationId)));

        Guid rolledBack;
        await using (var db = inboxDb.For(admin.OrganizationId))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            rolledBack = AddContact(db, phoneNumberId, "15550001002");
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        await Task.Delay(500);
        Assert.DoesNotContain(ContactRecorder.For(admin.OrganizationId), h => h.ContactId == rolledBack);

        // The durable listener's outbox row went with each transaction: written for the commit, gone with the rollback.
        await using var check = factory.SystemDb();
        Assert.True(await check.OutboxDeliveries.AnyAsync(d => d.OrganizationId == admin.OrganizationId && d.Payload.Contains(committed.ToString())));
        Assert.False(await check.OutboxDeliveries.AnyAsync(d => d.OrganizationId == admin.OrganizationId && d.Payload.Contains(rolledBack.ToString())));
        Assert.False(await check.Contacts.AnyAsync(c => c.Id == rolledBack));
    }

    private static Guid AddContact(InboxDbContext db, Guid phoneNumberId, string identifier)
    {
        var contact = new Contact { PhoneNumberId = phoneNumberId, Identifier = identifier, ReplyTo = identifier, CreatedAt = DateTimeOffset.UtcNow };
        db.Contacts.Add(contact);
        db.Raise(new ContactCreated(db.TenantId, contact.Id));
        return contact.Id;
    }
}
