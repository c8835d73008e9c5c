/**
 * clarification: asks the other to resolve something unclear in their prior message. The OK test:
 * if "OK, …" before it sounds contradictory, it is a clarification. Offers and quiz questions pass
 * the OK test, so they are not.
 */
import { actTester } from '../../helpers/act-tester.js';

actTester.run('clarification', {
  invalid: [
    // DESIGN's examples.
    { text: 'Do you mean the 2019 or the 2021 edition?', prev: 'Can you send me the style guide?', rule: 'clarification/do-you-mean' },
    { text: 'Which language are you using?', prev: 'Help me write a function that parses dates.', rule: 'clarification/which-one' },
    { text: 'What do you mean by "fast"?', prev: 'This approach is fast enough for most cases.', role: 'user', rule: 'clarification/what-do-you-mean' },
    { text: 'Sorry, what?', prev: 'You should reboot the flux capacitor first.', role: 'user', rule: 'clarification/huh' },
    { text: 'Could you share the error message?', prev: "My build keeps failing and I don't know why.", rule: 'clarification/missing-information' },
    // Typed chat.
    { text: 'Could you paste the script?', prev: 'Fix the bug in my script.', rule: 'clarification/missing-information' },
    { text: 'Do you want CSV or JSON?', prev: 'Convert this to the other format.', rule: 'clarification/either-or' },
    { text: 'Are you looking for a summary or a full translation?', prev: 'Translate my essay please.', rule: 'clarification/either-or' },
    { text: 'Which year do you need?', prev: 'I need the numbers for the east region.', rule: 'clarification/which-one' },
    { text: "I'm not sure what you mean by faster.", prev: 'Can you make it faster?', rule: 'clarification/not-understanding' },
    { text: 'Could you clarify which config file you mean?', prev: 'Update the config like we said.', rule: 'clarification/please-clarify' },
    { text: 'When you say nicer, do you want brighter colours or a cleaner layout?', prev: 'Make the chart look nicer.', rule: 'clarification/do-you-mean' },
    { text: 'What are you referring to?', prev: 'Can you explain the thing from earlier?', rule: 'clarification/what-do-you-mean' },
    { text: 'To help you, could you tell me which job you are applying for?', prev: 'Write me a cover letter.', rule: 'clarification/missing-information' },
    { text: 'Which country are you in?', prev: 'I need help with my taxes.', rule: 'clarification/which-one' },
    { text: 'which package do you mean', prev: 'Install the package.', rule: 'clarification/which-one' },
    { text: 'Which one?', prev: 'Change the colour of the header.', rule: 'clarification/which-one' },
    { text: "I'll need more details to help you.", prev: 'I need the data.', rule: 'clarification/missing-information' },
    { text: 'Happy to help. Which browser are you on?', prev: 'The page looks broken.', rule: 'clarification/which-one', sentence: 1 },
    // Speech style: fillers, fragments, echoes with "what".
    { text: 'Huh?', prev: 'The deploy went to the blue pool.', role: 'user', rule: 'clarification/huh' },
    { text: 'The what?', prev: 'We should move the standup to the annex.', role: 'user', rule: 'clarification/huh' },
    { text: 'Wait, toggle what?', prev: 'ok so you just uh toggle it there', role: 'user', rule: 'clarification/huh' },
    { text: 'Could you say that again?', prev: 'You should reboot the flux capacitor first.', role: 'user', rule: 'clarification/say-again' },
    { text: "I didn't catch that, could you repeat it?", prev: 'You need to set the flag in the manifest.', role: 'user', rule: 'clarification/say-again' },
    { text: 'Sorry, do you mean the renewal form?', prev: 'so um I need the uh the form for the thing', rule: 'clarification/do-you-mean' },
  ],
  valid: [
    // Asked to redo a task, or say it another way, the speaker has understood: a followup, or a repair.
    { text: 'Can you repeat this calculation at 100 Hz?', prev: 'At 50 Hz the reactance is 31.8 ohms.', role: 'user' },
    { text: 'Say it again using the correct inclusive form.', prev: 'Dear Sirs, thank you for coming.', role: 'user' },
    { text: 'I will say it again in the summary.', prev: 'Can you stress the deadline?' },
    // A turn that opens the conversation has no message of the other's to clarify.
    { text: 'Sorry, what?', role: 'user' },
    { text: 'Which language are you using?' },
    // Offers pass the OK test: "OK, would you like an example?"
    { text: 'Would you like an example?', prev: 'Can you explain recursion?' },
    { text: 'Do you want me to check the grammar too?', prev: "Here's my draft essay." },
    { text: 'Shall I continue?', prev: 'Explain the steps.' },
    { text: 'Is there anything else I can help you with?', prev: 'I finished the report.' },
    { text: 'Let me know if you have any questions.', prev: 'Explain binary search.' },
    // Quiz questions ask what the speaker already knows.
    { text: 'What is 2+2?', prev: 'Teach me some arithmetic.' },
    { text: 'Which planet is closest to the sun?', prev: 'Give me a geography question.' },
    { text: 'Who was the first emperor of Rome?', prev: 'Test me on history.' },
    // Rhetorical questions and statements that only look like cues.
    { text: 'So what?', prev: 'Why did the plan fail?' },
    { text: 'Guess what?', prev: 'I have a question about my report.' },
    { text: 'I will say it again in the summary.', prev: 'Please summarize the meeting.' },
    { text: 'Why do whales sing? Scientists are still not sure.', prev: 'Tell me about whales.' },
    { text: 'I know what you mean.', prev: 'The server is down again.' },
    { text: 'You can use either camelCase or snake_case.', prev: 'What should I name the variable?' },
    // The same words from a user are a task, not a request for missing information.
    { text: 'Could you share the error message?', prev: 'I can look at the crash for you.', role: 'user' },
    // Not the speaker's own voice: code, quotes, placeholders, URLs, script lines.
    { text: 'Here is a tip: run `which python?` to check.', prev: 'I have a question about my report.' },
    { text: 'Use this check:\n```\nDo you mean the red one?\n```', prev: 'Show me an example.' },
    { text: '> Do you mean the red one?', prev: 'I have a question about my report.' },
    { text: 'You wrote "could you clarify?" in the ticket.', prev: 'I have a question about my report.' },
    { text: 'Reply with {{question}} filled in.', prev: 'Write a reply template.' },
    { text: 'Start the prompt with [Your question here?] and go on.', prev: 'Write a prompt for me.' },
    { text: 'See https://example.com/faq?which=one for details.', prev: 'Where is the FAQ?' },
    { text: 'Bob: Do you mean the red one?', prev: 'Write a script for a play.' },
  ],
});
