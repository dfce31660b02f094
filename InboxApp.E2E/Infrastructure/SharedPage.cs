namespace InboxApp.E2E.Infrastructure;

/// <summary>
/// One loaded page shared by the tests of a class (<c>IClassFixture&lt;SharedPage&gt;</c>), for a page so heavy that loading it
/// again per test costs more than the tests' own checks: Swagger UI (about 1 MB of script, then the whole API document
/// parsed and rendered; about 5 s of Chromium's CPU a load). The first test that asks opens it
/// (<see cref="BrowserTest.UseSharedPageAsync"/>), in a browser context of its own; later tests of the class get the same
/// page as that test left it, so each test must leave it the way it found it (close what it opened) and must not depend
/// on another test having run first. A test that fails discards it: the next test opens it again. Closed with the class.
/// </summary>
public sealed class SharedPage : IAsyncLifetime
{
    private IPage? page;

    internal async Task<IPage> GetAsync(Func<Task<IPage>> create, Func<IPage, Task> open)
    {
        if (page is { IsClosed: false }) return page;
        var created = await create();
        try
        {
            await open(created);
        }
        catch
        {
            await CloseAsync(created);
            throw;
        }
        return page = created;
    }

    /// <summary>Closes the page (its test failed, so what state it is in is unknown); the next test opens a new one.</summary>
    internal async Task DiscardAsync()
    {
        if (page is { } discarded)
        {
            page = null;
            await CloseAsync(discarded);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => DiscardAsync();

    private static async Task CloseAsync(IPage closing)
    {
        try
        {
            await closing.Context.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // Already gone with its browser.
        }
    }
}
