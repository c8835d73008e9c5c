/**
 * reassurance: comfort that soothes or validates without trying to understand. Not an empathic
 * acknowledgement of what was said, not a suggestion, and never a grounding act.
 */
import { actTester } from '../../helpers/act-tester.js';

const SAD = 'I failed my driving test again and I feel like an idiot.';

actTester.run('reassurance', {
  invalid: [
    // The examples.
    { text: "Don't worry.", prev: SAD, rule: 'reassurance/dont-worry' },
    { text: "You're not alone.", prev: SAD, rule: 'reassurance/not-alone' },
    { text: "It's completely normal to feel that way.", prev: SAD, rule: 'reassurance/normal-to-feel' },
    { text: 'Everything will work out.', prev: SAD, rule: 'reassurance/will-be-ok' },
    { text: "You've got this.", prev: SAD, rule: 'reassurance/believe-in-you' },
    { text: "I'm sure you'll do great.", prev: SAD, rule: 'reassurance/will-be-ok' },
    // ESConv-like supporter turns.
    { text: 'Please do not beat yourself up over this.', prev: SAD, rule: 'reassurance/dont-worry' },
    { text: 'Many people feel the same way after a setback.', prev: SAD, rule: 'reassurance/not-alone' },
    { text: 'Your feelings are completely valid.', prev: SAD, rule: 'reassurance/normal-to-feel' },
    { text: 'I know it is hard right now, but I know you can make it through this!', prev: SAD, rule: 'reassurance/will-be-ok', sentence: 0 },
    { text: 'I know you can handle it.', prev: SAD, rule: 'reassurance/believe-in-you' },
    { text: "You'll get through this.", prev: SAD, rule: 'reassurance/will-be-ok' },
    { text: "You'll get there.", prev: SAD, rule: 'reassurance/will-be-ok' },
    { text: 'Things are going to get better.', prev: SAD, rule: 'reassurance/will-be-ok' },
    { text: 'It takes a lot of courage to try again.', prev: SAD, rule: 'reassurance/you-are-strong' },
    { text: "It's not your fault.", prev: SAD, rule: 'reassurance/you-are-strong' },
    { text: 'You are so strong for going through this.', prev: SAD, rule: 'reassurance/you-are-strong' },
    { text: "It's great that you have support from your brother.", prev: 'My brother drives me to every lesson.', rule: 'reassurance/affirm' },
    { text: 'Hang in there.', prev: SAD, rule: 'reassurance/believe-in-you' },
    // Cues written from ESConv train misses (its supporters' "Affirmation and Reassurance").
    { text: 'It has been hard for a lot of people this year.', prev: SAD, rule: 'reassurance/not-alone' },
    { text: 'Feeling sad after that is completely natural.', prev: SAD, rule: 'reassurance/normal-to-feel' },
    { text: 'Anyone in your situation would feel the same.', prev: SAD, rule: 'reassurance/normal-to-feel' },
    { text: 'I can assure you it does get better.', prev: SAD, rule: 'reassurance/will-be-ok' },
    { text: 'We can get through this together.', prev: SAD, rule: 'reassurance/will-be-ok' },
    { text: 'Online school is stressful, but I think you can do it.', prev: SAD, rule: 'reassurance/believe-in-you' },
    { text: "I'm sure she doesn't hate you.", prev: SAD, rule: 'reassurance/believe-in-you' },
    { text: "I'm here for you.", prev: SAD, rule: 'reassurance/believe-in-you' },
    { text: "I don't believe that you did anything wrong.", prev: SAD, rule: 'reassurance/you-are-strong' },
    { text: 'You seem like a very thoughtful partner.', prev: SAD, rule: 'reassurance/you-are-strong' },
    { text: 'Reaching out is a great first step.', prev: SAD, rule: 'reassurance/affirm' },
    { text: "I think it's great that you are looking at your options.", prev: SAD, rule: 'reassurance/affirm' },
    { text: "That's a great idea!", prev: 'I could ask my brother to practise with me.', rule: 'reassurance/affirm' },
    // Typed chat: an assistant soothing a user.
    { text: "No need to apologize! Here's the corrected version.", prev: 'Sorry, I pasted the wrong file.', rule: 'reassurance/dont-worry', sentence: 0 },
    { text: "Don't worry, this is a common mistake. Add the missing import at the top.", prev: 'My code fails with NameError and I feel dumb.', rule: 'reassurance/dont-worry', sentence: 0 },
  ],
  valid: [
    // A turn that opens the conversation answers no trouble of the other's.
    { text: "Don't worry.", role: 'user' },
    { text: "You've got this." },
    // Empathic acknowledgements (acknowledgement, not reassurance).
    { text: 'That sounds really hard.', prev: SAD },
    { text: "I'm so sorry to hear that.", prev: SAD },
    // Curiosity: asking after the other.
    { text: 'What happened during the test?', prev: SAD },
    // Suggestions.
    { text: 'You could book a few extra lessons before the next test.', prev: SAD },
    // Look-alikes in technical text.
    { text: "Don't use that flag in production.", prev: 'Should I pass --force?' },
    { text: 'You are not allowed to edit this file.', prev: 'Why does my save fail?' },
    { text: 'It is normal to set the timeout to 30 seconds.', prev: 'What timeout should I use?' },
    { text: 'The build will work once the cache is cleared.', prev: 'The build fails.' },
    { text: 'You are strongly advised to back up your data.', prev: 'I am upgrading the disk.' },
    { text: "It's great that the build passes now.", prev: 'I fixed the test.' },
    // Instructions, pleasantries and sign-offs in assistant chat (measured on WildChat: each was a false hit).
    { text: 'You can do this by running the following command.', prev: 'How do I clear the cache?' },
    { text: "I hope you're doing well.", prev: 'Write an email to my landlord.' },
    { text: 'Good luck with your interview!', prev: 'Thanks for the tips.' },
    { text: 'keep going', prev: 'Chapter one ends here.', role: 'user' },
    { text: 'Yes, you can do that.', prev: 'Can I run it twice?' },
    { text: 'I think you can do this with a loop.', prev: 'How do I repeat the call?' },
    { text: 'You will find the file in the build folder.', prev: 'Where is the output?' },
    { text: 'Many people use a virtual environment for this.', prev: 'How should I install it?' },
    { text: 'This is a great idea for a startup, but the market is crowded.', prev: 'Rate my idea.' },
    // MultiWOZ's booking clerks (each was a hit in the human baseline).
    { text: 'You will get there at 09:27, but the next one does not arrive until 01:27.', prev: 'When does the train arrive?' },
    { text: 'What a great choice!', prev: 'I will take the Italian place.' },
    // Not the speaker's own voice.
    { text: 'Write `Don\'t worry, you\'ve got this.` on the card.', prev: 'What should the card say?' },
  ],
});
