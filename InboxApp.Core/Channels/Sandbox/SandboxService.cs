using InboxApp.Core.Common;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Channels.Sandbox;

/// <summary>Sandbox numbers of an organization, armed failures, and the cleanup of sandbox data. Admins only.</summary>
public sealed class SandboxService(InboxDb inboxDb, TimeProvider clock, IOptions<SandboxOptions> options, Storage.MediaStore store)
{
    public const string NotSandbox = "NOT_SANDBOX";

    public async Task<IReadOnlyList<SandboxNumberDto>> ListNumbersAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        return await db.PhoneNumbers.AsNoTracking().Where(p => p.Kind == PhoneNumberKind.SANDBOX && p.IsActive)
            .OrderBy(p => p.CreatedAt)
            .Select(p => new SandboxNumberDto(p.Id, p.AccountId, p.MetaPhoneNumberId, p.DisplayPhoneNumber, p.VerifiedName, p.Account!.Alias, p.CreatedAt))
            .ToListAsync(ct);
    }

    public async Task<SandboxNumberDto> CreateNumberAsync(Actor actor, string? alias, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var count = await db.PhoneNumbers.CountAsync(p => p.Kind == PhoneNumberKind.SANDBOX && p.IsActive, ct);
        if (count >= options.Value.MaxNumbersPerOrganization)
            throw InboxException.Conflict($"An organization can have at most {options.Value.MaxNumbersPerOrganization} sandbox numbers");
        var orgName = await db.Organizations.Where(o => o.Id == actor.Org).Select(o => o.Name).FirstAsync(ct);
        var (account, number) = NewNumber(orgName, alias, clock.GetUtcNow());
        db.WhatsAppAccounts.Add(account);
        db.PhoneNumbers.Add(number);
        await db.SaveChangesAsync(ct);
        return new SandboxNumberDto(number.Id, account.Id, number.MetaPhoneNumberId, number.DisplayPhoneNumber, number.VerifiedName, account.Alias, number.CreatedAt);
    }

    /// <summary>A sandbox account with one registered number, every capability on; the Meta ids are "sandbox-…".</summary>
    public static (WhatsAppAccount Account, PhoneNumber Number) NewNumber(string organizationName, string? alias, DateTimeOffset now)
    {
        var account = new WhatsAppAccount
        {
            WabaId = "sandbox-" + Guid.NewGuid().ToString("N")[..20],
            Alias = string.IsNullOrWhiteSpace(alias) ? "Sandbox" : alias.Trim(),
            IsSandbox = true,
            AppSubscribed = true,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var digits = Random.Shared.Next(0, 10_000_000).ToString("D7");
        var number = new PhoneNumber
        {
            AccountId = account.Id,
            MetaPhoneNumberId = "sandbox-" + Guid.NewGuid().ToString("N")[..20],
            DisplayPhoneNumber = $"+1 555-{digits[..3]}-{digits[3..]}",
            VerifiedName = organizationName.Length > 190 ? organizationName[..190] : organizationName,
            Kind = PhoneNumberKind.SANDBOX,
            QualityRating = "GREEN",
            MessagingLimitTier = "TIER_UNLIMITED",
            ThroughputLevel = "STANDARD",
            RegistrationStatus = RegistrationStatus.REGISTERED,
            CanReceiveMessages = true,
            CanSendMessages = true,
            CanSendTemplates = true,
            CreatedAt = now,
            UpdatedAt = now,
        };
        return (account, number);
    }

    /// <summary>
    /// The sandbox number to act on: the given one (404 when it is not the organization's, 400 NOT_SANDBOX for a Cloud API
    /// number), or the organization's first sandbox number.
    /// </summary>
    public static async Task<PhoneNumber> ResolveNumberAsync(InboxDbContext db, Guid? phoneNumberId, CancellationToken ct)
    {
        if (phoneNumberId is { } id)
        {
            var number = await db.PhoneNumbers.AsNoTracking().Include(p => p.Account).FirstOrDefaultAsync(p => p.Id == id, ct)
                ?? throw InboxException.NotFound("Phone number");
            if (number.Kind != PhoneNumberKind.SANDBOX)
                throw new InboxException(400, NotSandbox, "Simulation works only on sandbox numbers; this is a WhatsApp Cloud API number");
            if (!number.IsActive) throw InboxException.NotFound("Phone number");
            return number;
        }
        return await db.PhoneNumbers.AsNoTracking().Include(p => p.Account)
                   .Where(p => p.Kind == PhoneNumberKind.SANDBOX && p.IsActive).OrderBy(p => p.CreatedAt).FirstOrDefaultAsync(ct)
               ?? throw new InboxException(404, ErrorCodes.NotFound, "This organization has no sandbox number yet; create one with POST /api/v1/sandbox/numbers");
    }

    /// <summary>Recent conversations on a sandbox number, for the simulator.</summary>
    public async Task<IReadOnlyList<SandboxConversationDto>> ListConversationsAsync(Actor actor, Guid phoneNumberId, int limit = 50, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var number = await ResolveNumberAsync(db, phoneNumberId, ct);
        var now = clock.GetUtcNow();
        var rows = await db.Conversations.AsNoTracking().Include(c => c.Contact).Where(c => c.PhoneNumberId == number.Id)
            .OrderByDescending(c => c.LastMessageAt).Take(limit).ToListAsync(ct);
        return rows.Select(c => new SandboxConversationDto(c.Id, c.PhoneNumberId, c.Contact!.DisplayName, c.Contact.Identifier, c.LastMessagePreview,
            c.LastMessageAt, c.IsWindowOpen(now))).ToList();
    }

    /// <summary>The latest messages of a sandbox conversation, oldest first, for the simulator.</summary>
    public async Task<IReadOnlyList<Messaging.MessageDto>> MessagesAsync(Actor actor, Guid conversationId, int limit = 100, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, ct) ?? throw InboxException.NotFound("Conversation");
        await ResolveNumberAsync(db, conversation.PhoneNumberId, ct);
        var messages = await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId && m.Type != Messaging.MessageType.REACTION)
            .OrderByDescending(m => m.Timestamp).ThenByDescending(m => m.CreatedAt).Take(limit).ToListAsync(ct);
        messages.Reverse();
        return await Messaging.MessageDtos.ToDtosAsync(db, messages, ct);
    }

    /// <summary>
    /// What the customer can answer with a button: the options of the business's latest interactive message in the conversation
    /// (null when there is none, a newer business message came after it, or the customer already answered it).
    /// </summary>
    public async Task<SandboxReplyOptions?> ReplyOptionsAsync(Actor actor, Guid conversationId, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var latest = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Direction == MessageDirection.OUTBOUND && m.Type != Messaging.MessageType.REACTION)
            .OrderByDescending(m => m.Timestamp).ThenByDescending(m => m.CreatedAt).FirstOrDefaultAsync(ct);
        if (latest?.WaMessageId is null) return null;
        var answered = await db.Messages.AnyAsync(m => m.ConversationId == conversationId && m.Direction == MessageDirection.INBOUND
            && m.Type == Messaging.MessageType.INTERACTIVE && m.ContextWaMessageId == latest.WaMessageId, ct);
        return answered ? null : SandboxReplyOptions.From(latest);
    }

    /// <summary>Arms a failure for the next reply in a conversation (or on a number, for any conversation).</summary>
    public async Task<SandboxFailureDto> ArmFailureAsync(Actor actor, Guid? conversationId, Guid? phoneNumberId, int errorCode, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        if (errorCode is < 1 or > 999_999) throw InboxException.Invalid("errorCode", "errorCode must be a Graph error code such as 131026");
        await using var db = inboxDb.For(actor.Org);
        Guid numberId;
        if (conversationId is { } cid)
        {
            var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cid, ct) ?? throw InboxException.NotFound("Conversation");
            numberId = (await ResolveNumberAsync(db, conversation.PhoneNumberId, ct)).Id;
            if (phoneNumberId is { } given && given != numberId) throw InboxException.Invalid("phoneNumberId", "The conversation belongs to another number");
        }
        else
        {
            numberId = (await ResolveNumberAsync(db, phoneNumberId, ct)).Id;
        }
        var failure = new SandboxFailure { PhoneNumberId = numberId, ConversationId = conversationId, ErrorCode = errorCode, CreatedAt = clock.GetUtcNow() };
        db.Set<SandboxFailure>().Add(failure);
        await db.SaveChangesAsync(ct);
        return new SandboxFailureDto(failure.Id, numberId, conversationId, errorCode, failure.CreatedAt);
    }

    /// <summary>The failures armed for a conversation (its own and its number's).</summary>
    public async Task<IReadOnlyList<SandboxFailureDto>> ArmedFailuresAsync(Actor actor, Guid conversationId, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, ct) ?? throw InboxException.NotFound("Conversation");
        return await db.Set<SandboxFailure>().AsNoTracking()
            .Where(f => f.PhoneNumberId == conversation.PhoneNumberId && (f.ConversationId == null || f.ConversationId == conversationId))
            .OrderBy(f => f.CreatedAt)
            .Select(f => new SandboxFailureDto(f.Id, f.PhoneNumberId, f.ConversationId, f.ErrorCode, f.CreatedAt)).ToListAsync(ct);
    }

    /// <summary>Disarms the failures armed for a conversation; returns how many there were.</summary>
    public async Task<int> DisarmFailuresAsync(Actor actor, Guid conversationId, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        if (!await db.Conversations.AnyAsync(c => c.Id == conversationId, ct)) throw InboxException.NotFound("Conversation");
        return await db.Set<SandboxFailure>().Where(f => f.ConversationId == conversationId).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Deletes the organization's sandbox conversations, messages, contacts, armed failures and files its simulated customers sent that
    /// were not fetched yet (never Cloud API data).
    /// </summary>
    public async Task<SandboxCleanupDto> CleanupAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var numbers = db.PhoneNumbers.Where(p => p.Kind == PhoneNumberKind.SANDBOX).Select(p => p.Id);
        var conversations = db.Conversations.Where(c => numbers.Contains(c.PhoneNumberId)).Select(c => c.Id);
        var messages = await db.Messages.Where(m => conversations.Contains(m.ConversationId)).ExecuteDeleteAsync(ct);
        await db.Set<SandboxFailure>().Where(f => numbers.Contains(f.PhoneNumberId)).ExecuteDeleteAsync(ct);
        var conversationCount = await db.Conversations.Where(c => numbers.Contains(c.PhoneNumberId)).ExecuteDeleteAsync(ct);
        var contacts = await db.Contacts.Where(c => numbers.Contains(c.PhoneNumberId)).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        store.DeleteSandboxMediaOf(actor.Org);
        return new SandboxCleanupDto(conversationCount, messages, contacts);
    }
}
