using InboxApp.Core.Common;
using InboxApp.Core.Conversations;
using InboxApp.Core.Messaging;
using InboxApp.Core.SharedInboxLinks;
using InboxApp.Core.Templates;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace InboxApp.Features.SharedInboxLinks;

/// <summary>
/// The inbox of one phone number at a shared inbox link's URL (<c>/s/{secret}</c>), for a person without an account: the
/// number's conversations beside the open thread, live (the inbox's event bus), and a composer with exactly what the
/// link permits. Every load and action goes through <see cref="SharedInboxService"/> with the URL's secret, which checks
/// the link again each time; the server refuses what the link does not permit whatever the page shows. When the link is
/// revoked, rotated or expires, the page says so (at once for revoke and rotate, through <see cref="SharedLinkSignal"/>).
/// </summary>
public partial class SharedInboxPage : IDisposable
{
    [Parameter] public string Token { get; set; } = "";
    [Parameter] public Guid? ConversationId { get; set; }

    [Inject] private SharedInboxService Shared { get; set; } = default!;
    [Inject] private IInboxEventBus Bus { get; set; } = default!;
    [Inject] private SharedLinkSignal Signal { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IOptions<MessagingOptions> MessagingOptions { get; set; } = default!;

    private SharedInboxSession? session;
    private string? unavailable;
    private IReadOnlyList<ConversationDto> items = [];
    private ConversationDto? conversation;
    private IReadOnlyList<MessageDto> messages = [];
    private bool notFound;
    private bool busy;
    private bool interactive;
    private string? text;
    private IBrowserFile? attachment;
    private double? latitude;
    private double? longitude;
    private string? placeName;
    private IDisposable? events;
    private bool subscribed;
    private int refreshing;
    private volatile bool refreshAgain;

    private string Title => session is null ? "Shared inbox" : session.VerifiedName is { Length: > 0 } name ? $"{name} (+{session.PhoneNumber.TrimStart('+')})" : "+" + session.PhoneNumber.TrimStart('+');

    protected override async Task OnParametersSetAsync()
    {
        interactive = RendererInfo.IsInteractive;
        await LoadAsync();
        if (interactive && !subscribed && session is not null && unavailable is null)
        {
            subscribed = true;
            events = Bus.Subscribe(session.OrganizationId, OnEventAsync);
            Signal.LinkChanged += OnLinkChanged;
        }
    }

    /// <summary>Loads the link, the list and the open thread; a dead link ends the page.</summary>
    private async Task LoadAsync()
    {
        if (unavailable is not null) return;
        try
        {
            session = await Shared.OpenAsync(Token);
            if (!session.Permissions.ReadInbox) return;
            items = await Shared.ConversationsAsync(Token);
            if (ConversationId is { } id)
            {
                try
                {
                    (conversation, messages) = await Shared.ThreadAsync(Token, id);
                    notFound = false;
                }
                catch (InboxException e) when (e.StatusCode == 404)
                {
                    (conversation, messages, notFound) = (null, [], true);
                }
            }
            else
            {
                (conversation, messages, notFound) = (null, [], false);
            }
        }
        catch (InboxException e) when (e.Code == SharedLinkErrors.Unavailable)
        {
            Close(e.Message);
        }
    }

    private void Close(string message)
    {
        unavailable = message;
        (session, items, conversation, messages) = (null, [], null, []);
        events?.Dispose();
        events = null;
    }

    /// <summary>
    /// Events of the conversations shown refresh the page; of others (maybe another number's), only those that can bring a
    /// new conversation of this number into the list.
    /// </summary>
    private Task OnEventAsync(InboxEvent e)
    {
        var known = conversation?.Id == e.ConversationId || items.Any(c => c.Id == e.ConversationId);
        return known || e is ConversationCreated or MessageReceived ? RefreshSoonAsync() : Task.CompletedTask;
    }

    /// <summary>Events come in bursts: one refresh runs at a time, and one more after it if events arrived meanwhile.</summary>
    private async Task RefreshSoonAsync()
    {
        if (Interlocked.Exchange(ref refreshing, 1) == 1)
        {
            refreshAgain = true;
            return;
        }
        try
        {
            do
            {
                refreshAgain = false;
                await InvokeAsync(async () =>
                {
                    await LoadAsync();
                    StateHasChanged();
                });
            }
            while (refreshAgain && unavailable is null);
        }
        catch (ObjectDisposedException)
        {
            // The page was closed.
        }
        finally
        {
            Volatile.Write(ref refreshing, 0);
        }
    }

    private void OnLinkChanged(Guid linkId)
    {
        if (session?.LinkId == linkId) _ = RefreshSoonAsync();
    }

    /// <summary>Runs an action of the page: a dead link closes the page, any other refusal is shown; then the page reloads.</summary>
    private async Task RunAsync(Func<Task> action, string? done = null)
    {
        if (busy) return;
        busy = true;
        try
        {
            await action();
            if (done is not null) Snackbar.Add(done, Severity.Success);
        }
        catch (InboxException e) when (e.Code == SharedLinkErrors.Unavailable)
        {
            Close(e.Message);
        }
        catch (InboxException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
        finally
        {
            busy = false;
        }
        await LoadAsync();
    }

    private Task MarkReadAsync() => RunAsync(() => Shared.MarkReadAsync(Token, conversation!.Id));

    private void OnFileChosen(InputFileChangeEventArgs e) => attachment = e.File;

    private Task SendAsync() => RunAsync(async () =>
    {
        var id = conversation!.Id;
        if (attachment is { } file)
        {
            await SendFileAsync(id, file);
            attachment = null;
        }
        else
        {
            await Shared.SendTextAsync(Token, id, text ?? "");
        }
        text = null;
    });

    private async Task SendFileAsync(Guid conversationId, IBrowserFile file)
    {
        var max = MessagingOptions.Value.MaxAnyBytes;
        if (file.Size > max) throw new InboxException(413, ErrorCodes.PayloadTooLarge, $"{file.Name} is larger than WhatsApp accepts ({Inbox.MessageText.Size(max)})");
        var path = Path.GetTempFileName();
        try
        {
            await using (var target = File.Create(path))
            await using (var source = file.OpenReadStream(max))
            {
                await source.CopyToAsync(target);
            }
            await using var content = File.OpenRead(path);
            var caption = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
            await Shared.SendMediaAsync(Token, conversationId, new MediaUpload(content, content.Length, file.ContentType, file.Name, caption, null, null));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The picker's templates: the link's own query (a dead link closes the page and offers none).</summary>
    private async Task<IReadOnlyList<TemplateDto>> LinkTemplatesAsync(string? language, string? search)
    {
        try
        {
            return await Shared.TemplatesAsync(Token, language, search);
        }
        catch (InboxException e) when (e.Code == SharedLinkErrors.Unavailable)
        {
            Close(e.Message);
            StateHasChanged();
            return [];
        }
    }

    /// <summary>Sends the picker's template as the link; a refusal reaches the picker, which shows it as it does for agents.</summary>
    private async Task SendLinkTemplateAsync(TemplateDto template, IReadOnlyDictionary<string, string?> values)
    {
        try
        {
            await Shared.SendTemplateAsync(Token, conversation!.Id, template.Name, template.Language, values);
        }
        catch (InboxException e) when (e.Code == SharedLinkErrors.Unavailable)
        {
            Close(e.Message);
            StateHasChanged();
            throw;
        }
    }

    private Task TemplateSentAsync() => LoadAsync();

    private Task SendLocationAsync() => RunAsync(async () =>
    {
        await Shared.SendLocationAsync(Token, conversation!.Id, new LocationContent(latitude, longitude, string.IsNullOrWhiteSpace(placeName) ? null : placeName.Trim()));
        (latitude, longitude, placeName) = (null, null, null);
    }, "Location sent");

    public void Dispose()
    {
        Signal.LinkChanged -= OnLinkChanged;
        events?.Dispose();
    }
}
