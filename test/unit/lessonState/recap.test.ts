import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RECAP_QUESTIONS, isRight, recapScore } from '../../../src/lessonState';

describe('lessonState: the three-question recap', () => {
  it('asks three questions, each with one right answer among its choices', () => {
    assert.equal(RECAP_QUESTIONS.length, 3);
    for (const q of RECAP_QUESTIONS) {
      assert.ok((q.choices as readonly string[]).includes(q.right), q.id);
      assert.equal(new Set(q.choices).size, q.choices.length, `${q.id}: distinct choices`);
    }
  });

  it('scores any answers between 0 and 3, right only for the right choice of that question', () => {
    const answer = fc.record({
      question: fc.constantFrom(...RECAP_QUESTIONS.map((q) => q.id)),
      choice: fc.constantFrom(...RECAP_QUESTIONS.flatMap((q) => [...q.choices])),
    });
    fc.assert(
      fc.property(fc.array(answer, { maxLength: 3 }), (answers) => {
        const { right, total } = recapScore(answers);
        assert.equal(total, 3);
        assert.ok(right >= 0 && right <= answers.length);
        for (const a of answers) {
          const q = RECAP_QUESTIONS.find((x) => x.id === a.question)!;
          assert.equal(isRight(a), a.choice === q.right);
        }
      }),
    );
  });
});
