package chattest

// QuestionsReply is a model's good answer to a request for tailored
// questions: two questions in the bank's YAML format, ids
// "tailored-hubspot-sync" (technical) and "tailored-cmo-report"
// (strategic). Tests replace parts of it to make bad answers.
const QuestionsReply = `questions:
  - id: tailored-hubspot-sync
    category: technical
    prompt: "Our HubSpot to Salesforce sync drops leads. How would you find out why?"
    think_seconds: 20
    answer_seconds: 120
    talking_points:
      - id: sync-logs
        label: Read the sync error logs first
        cues: ["sync log", "error log"]
  - id: tailored-cmo-report
    category: strategic
    prompt: "The CMO doubts the Monday attribution report. What do you do?"
    think_seconds: 20
    answer_seconds: 120
    talking_points:
      - id: ask-why
        label: Ask what the CMO doubts and why
        cues: ["what she doubts", "ask the CMO"]
`
