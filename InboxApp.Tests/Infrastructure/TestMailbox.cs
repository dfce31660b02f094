using System.Collections.Concurrent;
using InboxApp.Core.Mail;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Infrastructure;

/// <summary>
/// The mails a test host sent, by recipient, kept in memory beside the .eml files (which <see cref="MailReader"/> reads):
/// a shared host sends thousands of mails, and finding one by reading every file would grow with each test.
/// </summary>
public sealed class TestMailbox
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<EmailMessage>> byRecipient = new(StringComparer.OrdinalIgnoreCase);

    public void Add(EmailMessage message) => byRecipient.GetOrAdd(message.To.Trim(), _ => new()).Enqueue(message);

    /// <summary>Every mail sent to <paramref name="to"/>, oldest first.</summary>
    public IReadOnlyList<EmailMessage> To(string to) => byRecipient.TryGetValue(to.Trim(), out var q) ? q.ToArray() : [];

    /// <summary>The token of the newest sign-up link mailed to <paramref name="to"/>.</summary>
    public string SignupToken(string to) =>
        To(to).Select(m => SignupMail.TokenIn(m.TextBody)).LastOrDefault(t => t is not null)
        ?? throw new InvalidOperationException($"No sign-up link was mailed to {to}");

    /// <summary>The token of the newest invitation link (<c>/invite/{token}</c>) mailed to <paramref name="to"/>.</summary>
    public string InvitationToken(string to) =>
        To(to).Select(m => SignupMail.InvitationTokenIn(m.TextBody)).LastOrDefault(t => t is not null)
        ?? throw new InvalidOperationException($"No invitation link was mailed to {to}");

    /// <summary>Wraps the host's <see cref="IEmailSender"/> so that every mail it sends is also recorded here.</summary>
    public void Capture(IServiceCollection services)
    {
        var inner = services.Last(d => d.ServiceType == typeof(IEmailSender));
        services.Remove(inner);
        services.AddSingleton<IEmailSender>(sp => new CapturingSender(this, inner.ImplementationInstance as IEmailSender
            ?? (inner.ImplementationFactory is { } make ? (IEmailSender)make(sp) : (IEmailSender)ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!))));
    }

    private sealed class CapturingSender(TestMailbox mailbox, IEmailSender inner) : IEmailSender
    {
        public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
        {
            await inner.SendAsync(message, ct);
            mailbox.Add(message);
        }
    }
}
