using InboxApp.Core.Common;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Messaging;

/// <summary>Admin view of outbound messages that did not go out: list, stats, retry, discard, and both in bulk.</summary>
public sealed class FailedMessagesService(InboxDb inboxDb, MessageSender sender, TimeProvider clock, IOptions<MessagingOptions> options)
{
    public const int MaxBulk = 100;

    public async Task<FailedMessagePage> ListAsync(Actor actor, FailedMessageFilter filter, int skip, int take, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        if (filter.From is { } f && filter.To is { } t && f > t) throw InboxException.Invalid("from", "from must be before to");
        await using var db = inboxDb.For(actor.Org);
        var now = clock.GetUtcNow();
        var query = Filtered(db, filter, now);
        var total = await query.CountAsync(ct);
        var page = query.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id).Skip(skip).Take(take);
        var rows = (await (
                from m in page
                join c in db.Conversations on m.ConversationId equals c.Id
                select new
                {
                    Message = m,
                    c.PhoneNumberId,
                    c.LastCustomerMessageAt,
                    Display = db.PhoneNumbers.Where(p => p.Id == c.PhoneNumberId).Select(p => p.DisplayPhoneNumber).FirstOrDefault(),
                    c.Contact!.Name, c.Contact.ProfileName, c.Contact.Username, c.Contact.Phone, c.Contact.Identifier,
                }).ToListAsync(ct))
            .OrderByDescending(r => r.Message.CreatedAt).ThenBy(r => r.Message.Id).ToList();
        var items = rows.Select(r =>
        {
            var windowOpen = r.LastCustomerMessageAt is { } last && now - last < Conversation.CustomerServiceWindow;
            var m = r.Message;
            return new FailedMessageDto(m.Id, m.ConversationId, r.PhoneNumberId, r.Display,
                r.Name ?? r.ProfileName ?? r.Username ?? (r.Phone is null ? r.Identifier : "+" + r.Phone), r.Identifier,
                m.Text, m.Status, MessageDto.From(m).Error, m.SentById, m.CreatedAt, m.FailedAt, m.DiscardedAt, windowOpen,
                windowOpen && m.DiscardedAt is null && m.Status is MessageStatus.FAILED or MessageStatus.UNKNOWN && m.Type == MessageType.TEXT);
        }).ToList();
        return new FailedMessagePage(items, total);
    }

    public async Task<FailedMessageStats> StatsAsync(Actor actor, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var now = clock.GetUtcNow();
        var until = to ?? now;
        var since = from ?? until.AddDays(-30);
        if (since > until) throw InboxException.Invalid("from", "from must be before to");
        await using var db = inboxDb.For(actor.Org);
        var rows = await db.Messages.AsNoTracking()
            .Where(m => m.Direction == MessageDirection.OUTBOUND && (m.Status == MessageStatus.FAILED || m.Status == MessageStatus.UNKNOWN)
                && m.CreatedAt >= since && m.CreatedAt <= until)
            .Select(m => new { m.Status, m.ErrorCode, m.ErrorTitle, m.CreatedAt, Discarded = m.DiscardedAt != null })
            .ToListAsync(ct);
        var open = rows.Where(r => !r.Discarded).ToList();
        var failed = open.Where(r => r.Status == MessageStatus.FAILED).ToList();
        var byCode = failed.GroupBy(r => r.ErrorCode ?? "UNKNOWN")
            .Select(g => new ErrorCodeCount(g.Key, g.Select(r => r.ErrorTitle).FirstOrDefault(x => x is not null), g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
        var byDay = failed.GroupBy(r => DateOnly.FromDateTime(r.CreatedAt.UtcDateTime))
            .Select(g => new DayCount(g.Key, g.Count())).OrderBy(d => d.Date).ToList();
        return new FailedMessageStats(since, until, failed.Count, open.Count(r => r.Status == MessageStatus.UNKNOWN), rows.Count(r => r.Discarded), byCode, byDay);
    }

    /// <summary>The organization's numbers, for the list's filter.</summary>
    public async Task<IReadOnlyList<PhoneNumberOption>> PhoneNumbersAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        return await db.PhoneNumbers.AsNoTracking().OrderBy(p => p.DisplayPhoneNumber)
            .Select(p => new PhoneNumberOption(p.Id, p.DisplayPhoneNumber + (p.VerifiedName == null ? "" : " · " + p.VerifiedName))).ToListAsync(ct);
    }

    public Task<MessageDto> RetryAsync(Actor actor, Guid messageId, CancellationToken ct = default) => sender.RetryAsync(actor, messageId, ct);

    /// <summary>Gives up on a failed, unknown or stuck message: it leaves the list and is never retried. Idempotent.</summary>
    public async Task<MessageDto> DiscardAsync(Actor actor, Guid messageId, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var message = await db.Messages.FirstOrDefaultAsync(m => m.Id == messageId && m.Direction == MessageDirection.OUTBOUND, ct)
            ?? throw InboxException.NotFound("Message");
        var stuck = message.Status == MessageStatus.PENDING && message.WaMessageId == null
            && message.CreatedAt < clock.GetUtcNow().AddMinutes(-options.Value.StuckPendingMinutes);
        if (message.Status is not (MessageStatus.FAILED or MessageStatus.UNKNOWN) && !stuck)
            throw InboxException.Conflict($"Only failed, unknown or stuck messages can be discarded; this one is {message.Status}", MessagingErrors.NotRetryable);
        if (message.DiscardedAt is null)
        {
            message.DiscardedAt = clock.GetUtcNow();
            db.Raise(new MessageStatusChanged(actor.Org, message.ConversationId, message.Id, message.Status));
            await db.SaveChangesAsync(ct);
        }
        return (await db.ToDtosAsync([message], ct))[0];
    }

    public Task<BulkResult> BulkRetryAsync(Actor actor, IReadOnlyList<Guid> ids, CancellationToken ct = default) =>
        BulkAsync(actor, ids, id => RetryAsync(actor, id, ct));

    public Task<BulkResult> BulkDiscardAsync(Actor actor, IReadOnlyList<Guid> ids, CancellationToken ct = default) =>
        BulkAsync(actor, ids, id => DiscardAsync(actor, id, ct));

    private static async Task<BulkResult> BulkAsync(Actor actor, IReadOnlyList<Guid> ids, Func<Guid, Task<MessageDto>> action)
    {
        actor.Require(UserRole.ADMIN);
        if (ids.Count == 0) throw InboxException.Invalid("ids", "ids must name at least one message");
        if (ids.Count > MaxBulk) throw InboxException.Invalid("ids", $"ids may name at most {MaxBulk} messages");
        var results = new List<BulkItemResult>();
        foreach (var id in ids.Distinct())
        {
            try
            {
                var dto = await action(id);
                results.Add(new BulkItemResult(id, true, dto.Status, null));
            }
            catch (InboxException e)
            {
                results.Add(new BulkItemResult(id, false, null, new BulkItemError(e.Code, e.Message)));
            }
        }
        return new BulkResult(results.Count(r => r.Ok), results.Count(r => !r.Ok), results);
    }

    private IQueryable<Message> Filtered(InboxDbContext db, FailedMessageFilter filter, DateTimeOffset now)
    {
        var query = db.Messages.AsNoTracking().Where(m => m.Direction == MessageDirection.OUTBOUND);
        query = filter.Discarded ? query.Where(m => m.DiscardedAt != null) : query.Where(m => m.DiscardedAt == null);
        var stuckBefore = now.AddMinutes(-options.Value.StuckPendingMinutes);
        query = filter.Status switch
        {
            FailedMessageState.UNKNOWN => query.Where(m => m.Status == MessageStatus.UNKNOWN),
            FailedMessageState.PENDING => query.Where(m => m.Status == MessageStatus.PENDING && m.WaMessageId == null && m.CreatedAt < stuckBefore),
            FailedMessageState.FAILED => query.Where(m => m.Status == MessageStatus.FAILED),
            _ => query.Where(m => m.Status == MessageStatus.FAILED || m.Status == MessageStatus.UNKNOWN
                || (m.Status == MessageStatus.PENDING && m.WaMessageId == null && m.CreatedAt < stuckBefore)),
        };
        if (!string.IsNullOrWhiteSpace(filter.ErrorCode))
        {
            var code = filter.ErrorCode.Trim();
            query = query.Where(m => m.ErrorCode == code);
        }
        if (filter.From is { } from) query = query.Where(m => m.CreatedAt >= from);
        if (filter.To is { } to) query = query.Where(m => m.CreatedAt <= to);
        if (filter.PhoneNumberId is { } number)
            query = query.Where(m => db.Conversations.Any(c => c.Id == m.ConversationId && c.PhoneNumberId == number));
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim().ToLower();
            query = query.Where(m => (m.Text != null && m.Text.ToLower().Contains(term))
                || db.Conversations.Any(c => c.Id == m.ConversationId
                    && ((c.Contact!.Name != null && c.Contact.Name.ToLower().Contains(term))
                        || (c.Contact.ProfileName != null && c.Contact.ProfileName.ToLower().Contains(term))
                        || c.Contact.Identifier.Contains(term))));
        }
        return query;
    }
}
