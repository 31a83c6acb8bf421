using System.CommandLine;
using BackCare.Data.Storage;
using Microsoft.Extensions.Configuration;

namespace BackCare.Cli;

/// <summary>
/// <c>--provider</c> and <c>--connection</c>, for every command that opens the database: the web app's own settings
/// (<c>Database__Provider</c>, <c>ConnectionStrings__BackCare</c> in the environment) unless these say otherwise, so
/// that a command works on the database the server uses. One instance per command: an option belongs to one command.
/// </summary>
internal sealed class StorageArguments
{
    public Option<string?> Provider { get; } = new("--provider") { Description = "Sqlite or Postgres (default: Database__Provider, else Sqlite)." };

    public Option<string?> Connection { get; } = new("--connection") { Description = "The connection string (default: ConnectionStrings__BackCare)." };

    public Command AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Provider);
        command.Options.Add(Connection);
        return command;
    }

    /// <summary>The storage settings; throws <see cref="StorageConfigurationException"/> for an unknown provider.</summary>
    public static StorageOptions Read(string? provider, string? connection)
    {
        var overrides = new Dictionary<string, string?>();
        if (provider is not null)
        {
            overrides[StorageOptions.ProviderKey] = provider;
        }

        if (connection is not null)
        {
            overrides[$"ConnectionStrings:{StorageOptions.ConnectionStringName}"] = connection;
        }

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(overrides).Build();
        return StorageOptions.FromConfiguration(configuration);
    }
}
