namespace BackCare.Data.Storage;

/// <summary>
/// Storage is configured wrongly or cannot be reached. The message names the provider and the host or file,
/// never a password, so it can be shown to whoever runs the server.
/// </summary>
public sealed class StorageConfigurationException : Exception
{
    public StorageConfigurationException()
    {
    }

    public StorageConfigurationException(string message)
        : base(message)
    {
    }

    public StorageConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
