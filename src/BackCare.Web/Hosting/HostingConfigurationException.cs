namespace BackCare.Web.Hosting;

/// <summary>
/// A hosting setting that cannot be used as given, found at start-up so the server never runs half set up. The message
/// names the setting and what is wrong with it, never a secret it holds (a certificate's password).
/// </summary>
public sealed class HostingConfigurationException : Exception
{
    public HostingConfigurationException()
    {
    }

    public HostingConfigurationException(string message)
        : base(message)
    {
    }

    public HostingConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
