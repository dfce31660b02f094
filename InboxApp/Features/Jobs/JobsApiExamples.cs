using InboxApp.Api;
using InboxApp.Core.Jobs;

namespace InboxApp.Features.Jobs;

/// <summary>Examples of the Jobs requests and responses for the API reference (see <see cref="IApiExamples"/>).</summary>
internal sealed class JobsApiExamples : IApiExamples
{
    public void Register(ApiExampleCatalogue examples) => examples
        .Add<JobsOverviewDto>("""
            {
              "enabled": true,
              "clustered": false,
              "jobs": [
                {
                  "name": "sessions-cleanup",
                  "group": "maintenance",
                  "jobType": "SessionCleanupJob",
                  "description": "Deletes expired sign-in sessions",
                  "scheduled": true,
                  "triggers": [
                    {
                      "name": "sessions-cleanup",
                      "group": "maintenance",
                      "state": "Scheduled",
                      "schedule": "Every day at 03:00 UTC",
                      "previousFireTime": "2026-01-31T12:00:00Z",
                      "nextFireTime": "2026-02-01T12:00:00Z"
                    }
                  ],
                  "previousFireTime": "2026-01-31T12:00:00Z",
                  "nextFireTime": "2026-02-01T12:00:00Z",
                  "lastRun": {
                    "startedAt": "2026-01-31T12:00:00Z",
                    "finishedAt": "2026-01-31T12:00:00Z",
                    "summary": "Deleted 12 expired sessions",
                    "jobId": "42"
                  },
                  "cron": "0 3 * * *"
                }
              ]
            }
            """)
        .Add<TriggeredJob>("""
            {
              "group": "maintenance",
              "name": "sessions-cleanup",
              "triggered": true,
              "jobId": "42"
            }
            """);
}
