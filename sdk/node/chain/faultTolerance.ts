/** What a QBFT network of n validators survives. */
export interface QbftFaultTolerance {
  validators: number;
  /** Commit seals a block needs: ceil(2n/3), as Besu's BftHelpers.calculateRequiredValidatorQuorum. */
  quorum: number;
  /** Validators that may be stopped (crashed, down for maintenance) while blocks keep coming: n - quorum. */
  stoppedTolerated: number;
  /** Validators that may lie or equivocate without breaking safety: floor((n-1)/3), BFT's f. */
  faultyTolerated: number;
}

/**
 * The quorum of n validators and the stopped and faulty validators it tolerates. Stopped and faulty differ: 3
 * validators keep producing blocks with one stopped (quorum 2), but a single faulty one among 3 can already
 * break agreement, so a faulty validator is tolerated only from 4.
 * @example qbftFaultTolerance(4) // { validators: 4, quorum: 3, stoppedTolerated: 1, faultyTolerated: 1 }
 */
export function qbftFaultTolerance(validators: number): QbftFaultTolerance {
  const quorum = Math.ceil((2 * validators) / 3);
  return {
    validators,
    quorum,
    stoppedTolerated: validators - quorum,
    faultyTolerated: Math.floor((validators - 1) / 3),
  };
}

/**
 * One sentence an operator can act on.
 * @example describeFaultTolerance(3)
 */
export function describeFaultTolerance(validators: number): string {
  const { quorum, stoppedTolerated, faultyTolerated } = qbftFaultTolerance(validators);
  const stopped =
    stoppedTolerated === 0
      ? `any validator that stops halts the chain`
      : `blocks keep coming with ${stoppedTolerated} of them stopped`;
  const faulty =
    faultyTolerated === 0
      ? "no faulty validator is tolerated (that takes 4 validators)"
      : `up to ${faultyTolerated} faulty (lying) validator(s) cannot break agreement`;
  return `${validators} validator(s): each block needs ${quorum} of ${validators} seals, so ${stopped}; ${faulty}.`;
}
