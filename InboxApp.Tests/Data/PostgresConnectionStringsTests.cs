using InboxApp.Core.Data;
using Npgsql;

namespace InboxApp.Tests.Data;

public sealed class PostgresConnectionStringsTests
{
    [Fact]
    public void The_apps_connections_prepare_statements_and_skip_the_reset_unless_the_connection_string_says_otherwise()
    {
        var plain = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.WithDefaults("Host=db;Database=inbox;Username=app;Password=secret"));
        Assert.Equal(PostgresConnectionStrings.MaxAutoPrepare, plain.MaxAutoPrepare);
        Assert.True(plain.NoResetOnClose);
        Assert.Equal("inbox", plain.Database);
        Assert.Equal("secret", plain.Password);

        var chosen = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.WithDefaults("Host=db;Database=inbox;Max Auto Prepare=0;No Reset On Close=false"));
        Assert.Equal(0, chosen.MaxAutoPrepare);
        Assert.False(chosen.NoResetOnClose);
        var aliases = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.WithDefaults("Host=db;MaxAutoPrepare=5;NoResetOnClose=false"));
        Assert.Equal(5, aliases.MaxAutoPrepare);
        Assert.False(aliases.NoResetOnClose);
    }
}
