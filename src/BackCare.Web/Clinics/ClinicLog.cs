namespace BackCare.Web.Clinics;

internal static partial class ClinicLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Made {Count} new slots for every clinic's booking window.")]
    public static partial void SlotsMade(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Making the coming days' slots failed; trying again in {Interval}.")]
    public static partial void SlotsFailed(ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Error, Message = "The storage upkeep (month partitions ahead, audit retention) failed; trying again in {Interval}.")]
    public static partial void StorageUpkeepFailed(ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Clinic {ClinicId} changed: {Removed} free slots that no longer fit taken away, {Added} made.")]
    public static partial void SlotsRemade(ILogger logger, Guid clinicId, int removed, int added);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the demo clinic {Clinic} with {Clinicians} clinicians.")]
    public static partial void DemoCreated(ILogger logger, string clinic, int clinicians);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The demo clinician's sign-in was not made: {Error}.")]
    public static partial void DemoSignInNotMade(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Demo clinician sign-in (Development, shown once): {Email} with password {Password}. Set DemoClinic:ClinicianPassword to choose one.")]
    public static partial void DemoSignInGenerated(ILogger logger, string email, string password);
}
