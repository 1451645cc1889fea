// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {AccessControlUpgradeable} from "@openzeppelin/contracts-upgradeable/access/AccessControlUpgradeable.sol";
import {NoncesUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/NoncesUpgradeable.sol";
import {EIP712Upgradeable} from "@openzeppelin/contracts-upgradeable/utils/cryptography/EIP712Upgradeable.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ILedger} from "../interfaces/ILedger.sol";
import {IMembership} from "../interfaces/IMembership.sol";

/// @title The ledger: balances, membership flags, allowances, supply and the pause switch
/// @notice Every other part of the currency moves money through the internal functions here, so the rule
/// "sum of all balances = total supply" is kept in this one file.
abstract contract Ledger is AccessControlUpgradeable, EIP712Upgradeable, NoncesUpgradeable, ILedger, IERC20Errors {
    /// @notice The governor administers every role (it is AccessControl's admin role) and upgrades.
    bytes32 public constant GOVERNOR_ROLE = 0x00;
    bytes32 public constant TREASURER_ROLE = keccak256("TREASURER_ROLE");
    bytes32 public constant AUDITOR_ROLE = keccak256("AUDITOR_ROLE");
    bytes32 public constant MEMBER_MANAGER_ROLE = keccak256("MEMBER_MANAGER_ROLE");
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    /// @dev Balance, kind and status share one storage word, so a payment reads and writes exactly one slot
    /// per party (the trick of Circle's FiatTokenV2_2 with its blacklist flag).
    struct Account {
        uint128 balance;
        IMembership.AccountKind kind;
        IMembership.AccountStatus status;
    }

    /// @dev Everything a payment obeys besides its two accounts, in one word: a payment reads one global slot
    /// (2,100 gas cold), however many rules there are. `paused` keeps the byte it had when it stood alone.
    struct PaymentRules {
        bool paused;
        // Basis points charged on a payment, 16 bits per recipient kind, at bit 16 * uint8(kind).
        uint64 feeBpsByRecipientKind;
        // Bit 4 * uint8(fromKind) + uint8(toKind) set: payments from that kind to that kind are refused.
        uint16 forbiddenKindPairs;
    }

    /// @custom:storage-location erc7201:komuno.storage.Ledger
    struct LedgerStorage {
        mapping(address account => Account) accounts;
        mapping(address owner => mapping(address spender => uint256)) allowances;
        uint256 totalSupply;
        // The only global word a payment reads: flags that payments obey go here, never in a slot of their own.
        PaymentRules rules;
        string name;
        string symbol;
        uint256 governorCount;
        // Named by a governor, a governor only once it accepts: a mistyped address never holds the role.
        address proposedGovernor;
    }

    // keccak256(abi.encode(uint256(keccak256("komuno.storage.Ledger")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant LEDGER_STORAGE = 0x217be9af5fa8f2af1419d0f3f1d1e2632e91db6d5195f7690e6ee09b86c16400;

    uint8 private constant DECIMALS = 2;
    uint256 internal constant MAX_BPS = 10_000;

    bytes32 private constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );

    function _ledger() internal pure returns (LedgerStorage storage $) {
        assembly {
            $.slot := LEDGER_STORAGE
        }
    }

    // solhint-disable-next-line func-name-mixedcase
    function __Ledger_init(string calldata name_, string calldata symbol_) internal onlyInitializing {
        LedgerStorage storage $ = _ledger();
        $.name = name_;
        $.symbol = symbol_;
        __EIP712_init(name_, "1");
    }

    // ---------------------------------------------------------------- ERC-20

    /// @notice The currency's name.
    function name() external view returns (string memory) {
        return _ledger().name;
    }

    /// @notice The currency's symbol.
    function symbol() external view returns (string memory) {
        return _ledger().symbol;
    }

    /// @notice Amounts are euro cents.
    function decimals() external pure returns (uint8) {
        return DECIMALS;
    }

    /// @notice Units in circulation, escrow included.
    function totalSupply() public view returns (uint256) {
        return _ledger().totalSupply;
    }

    /// @notice Balance of `account` in cents.
    function balanceOf(address account) public view returns (uint256) {
        return _ledger().accounts[account].balance;
    }

    /// @notice What `spender` may still move from `owner`'s balance.
    function allowance(address owner, address spender) external view returns (uint256) {
        return _ledger().allowances[owner][spender];
    }

    /// @notice Pays `amount` cents to `to`. Both the caller and `to` must be active members.
    function transfer(address to, uint256 amount) external returns (bool) {
        _pay(_msgSender(), to, amount);
        return true;
    }

    /// @notice Lets `spender` move up to `amount` cents of the caller's balance (payments still need both
    /// parties to be active members).
    function approve(address spender, uint256 amount) external returns (bool) {
        _approve(_msgSender(), spender, amount);
        return true;
    }

    /// @inheritdoc IERC20Permit
    function permit(
        address owner,
        address spender,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        if (block.timestamp > deadline) revert ERC2612ExpiredSignature(deadline);
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, _useNonce(owner), deadline));
        address signer = ECDSA.recover(_hashTypedDataV4(structHash), v, r, s);
        if (signer != owner) revert ERC2612InvalidSigner(signer, owner);
        _approve(owner, spender, value);
    }

    /// @inheritdoc IERC20Permit
    function nonces(address owner) public view virtual override(IERC20Permit, NoncesUpgradeable) returns (uint256) {
        return super.nonces(owner);
    }

    /// @inheritdoc IERC20Permit
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @notice Pays `amount` cents from `from` to `to` within the caller's allowance. The caller need not be a
    /// member, but a frozen or closed member cannot spend allowances (a frozen key may be stolen).
    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        address spender = _msgSender();
        IMembership.AccountStatus spenderStatus = _ledger().accounts[spender].status;
        if (spenderStatus == IMembership.AccountStatus.Frozen || spenderStatus == IMembership.AccountStatus.Closed) {
            revert IMembership.AccountNotActive(spender, spenderStatus);
        }
        _spendAllowance(from, spender, amount);
        _pay(from, to, amount);
        return true;
    }

    // ---------------------------------------------------------------- pause

    /// @inheritdoc ILedger
    function pause() external onlyRole(PAUSER_ROLE) {
        LedgerStorage storage $ = _ledger();
        if ($.rules.paused) revert EnforcedPause();
        $.rules.paused = true;
        emit Paused(_msgSender());
    }

    /// @inheritdoc ILedger
    function unpause() external onlyRole(GOVERNOR_ROLE) {
        LedgerStorage storage $ = _ledger();
        if (!$.rules.paused) revert ExpectedPause();
        $.rules.paused = false;
        emit Unpaused(_msgSender());
    }

    /// @inheritdoc ILedger
    function paused() external view returns (bool) {
        return _ledger().rules.paused;
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc ILedger
    function proposeGovernor(address newGovernor) external onlyRole(GOVERNOR_ROLE) {
        _ledger().proposedGovernor = newGovernor;
        emit GovernorProposed(_msgSender(), newGovernor);
    }

    /// @inheritdoc ILedger
    function acceptGovernor() external {
        LedgerStorage storage $ = _ledger();
        if ($.proposedGovernor != _msgSender()) revert GovernorNotProposed(_msgSender());
        delete $.proposedGovernor;
        _grantRole(GOVERNOR_ROLE, _msgSender());
    }

    /// @inheritdoc ILedger
    function proposedGovernor() external view returns (address) {
        return _ledger().proposedGovernor;
    }

    /// @notice Grants `role` to `account`. Governor only; the governor role itself changes hands in two steps
    /// (proposeGovernor, acceptGovernor).
    function grantRole(bytes32 role, address account) public override {
        if (role == GOVERNOR_ROLE) revert GovernorHandoverIsTwoStep();
        super.grantRole(role, account);
    }

    /// @notice Revokes `role` from `account`. The governor revokes any role (through its delay); a pauser revokes
    /// a treasurer or a member manager at once: like the pause, cutting off a stolen key cannot wait. Pausers and
    /// auditors, who stop and veto, are revoked only by the governor, so one stolen pauser key cannot silence them.
    function revokeRole(bytes32 role, address account) public override {
        if ((role == TREASURER_ROLE || role == MEMBER_MANAGER_ROLE) && hasRole(PAUSER_ROLE, _msgSender())) {
            _revokeRole(role, account);
        } else {
            super.revokeRole(role, account);
        }
    }

    // ---------------------------------------------------------------- internal money movements

    function _requireNotPaused() internal view {
        if (_ledger().rules.paused) revert EnforcedPause();
    }

    /// @dev The hot path: one global word (pause, fees, rules) and one word per party; the fee account's word
    /// only when a fee is due. The payer pays `amount`; the payee receives `amount` minus the fee.
    function _pay(address from, address to, uint256 amount) internal {
        // The zero address has no account: OpenZeppelin's ERC-20 errors say so, as wallets expect.
        if (from == address(0)) revert ERC20InvalidSender(address(0));
        if (to == address(0)) revert ERC20InvalidReceiver(address(0));
        LedgerStorage storage $ = _ledger();
        PaymentRules memory rules = $.rules;
        if (rules.paused) revert EnforcedPause();
        Account storage sender = $.accounts[from];
        Account memory senderBefore = sender;
        if (senderBefore.status != IMembership.AccountStatus.Active) {
            revert IMembership.AccountNotActive(from, senderBefore.status);
        }
        if (senderBefore.balance < amount) revert ERC20InsufficientBalance(from, senderBefore.balance, amount);
        Account storage recipient = $.accounts[to];
        Account memory recipientBefore = recipient;
        if (recipientBefore.status != IMembership.AccountStatus.Active) {
            revert IMembership.AccountNotActive(to, recipientBefore.status);
        }
        uint256 pairBit = 4 * uint256(senderBefore.kind) + uint256(recipientBefore.kind);
        if ((rules.forbiddenKindPairs >> pairBit) & 1 != 0) {
            revert PaymentBetweenKindsForbidden(senderBefore.kind, recipientBefore.kind);
        }
        uint256 fee = (amount * uint16(rules.feeBpsByRecipientKind >> (16 * uint256(recipientBefore.kind)))) / MAX_BPS;
        unchecked {
            // fee <= amount <= sender's balance < 2^128, and no balance exceeds totalSupply < 2^128
            sender.balance = senderBefore.balance - uint128(amount);
            recipient.balance += uint128(amount - fee);
        }
        emit Transfer(from, to, amount - fee);
        if (fee != 0) _chargeFee(from, to, amount, fee);
    }

    function _chargeFee(address from, address to, uint256 amount, uint256 fee) private {
        address feeAccount = _feeAccount();
        // Credited whatever the fee account's status: an administrative freeze of the association's own
        // account must not stop every payment of the currency.
        unchecked {
            _ledger().accounts[feeAccount].balance += uint128(fee);
        }
        emit Transfer(from, feeAccount, fee);
        emit PaymentFeeCharged(from, to, feeAccount, amount, fee);
    }

    /// @dev Where payment fees and reconversion commissions go (set with the reconversion policy).
    function _feeAccount() internal view virtual returns (address);

    /// @dev Called when `treasurer` loses the treasurer role (minting clears its allowance).
    function _clearMintAllowance(address treasurer) internal virtual;

    /// @dev The account a migrated account moved to (membership keeps it), or zero.
    function _successorOf(address oldAccount) internal view virtual returns (address);

    /// @dev Moves money between accounts whatever their status (escrow, refunds, recoveries, migrations).
    /// Callers check the rules; the balance check stays here.
    function _move(address from, address to, uint256 amount) internal {
        moveBalance(_ledger(), from, to, amount);
    }

    /// @dev Adds `amount` to the supply; every caller credits balances by the same total.
    function _increaseSupply(uint256 amount) internal returns (uint256 supplyAfter) {
        LedgerStorage storage $ = _ledger();
        supplyAfter = $.totalSupply + amount;
        if (supplyAfter > type(uint128).max) revert AmountTooLarge(amount);
        $.totalSupply = supplyAfter;
    }

    /// @dev Destroys `amount` of `from`'s balance.
    function _burn(address from, uint256 amount) internal {
        burnBalance(_ledger(), from, amount);
        _afterBurn(amount);
    }

    /// @dev Told of every burn (the reserve lowers its mint cap).
    function _afterBurn(uint256 amount) internal virtual;

    function _approve(address owner, address spender, uint256 amount) internal {
        if (spender == address(0)) revert ERC20InvalidSpender(address(0));
        _ledger().allowances[owner][spender] = amount;
        emit Approval(owner, spender, amount);
    }

    function _spendAllowance(address owner, address spender, uint256 amount) internal {
        mapping(address => uint256) storage allowances = _ledger().allowances[owner];
        uint256 current = allowances[spender];
        if (current == type(uint256).max) return;
        if (current < amount) revert ERC20InsufficientAllowance(spender, current, amount);
        unchecked {
            allowances[spender] = current - amount;
        }
    }

    /// @dev Counts governors so that the last one can never be revoked nor renounce: the currency would be
    /// stuck for good (no role changes, no upgrades).
    function _grantRole(bytes32 role, address account) internal virtual override returns (bool granted) {
        granted = super._grantRole(role, account);
        if (granted && role == GOVERNOR_ROLE) ++_ledger().governorCount;
    }

    function _revokeRole(bytes32 role, address account) internal virtual override returns (bool revoked) {
        revoked = super._revokeRole(role, account);
        if (revoked && role == GOVERNOR_ROLE) {
            if (--_ledger().governorCount == 0) revert LastGovernor(account);
            // A proposal outlives no governor: whoever made it may be the one just removed.
            delete _ledger().proposedGovernor;
        }
        if (revoked && role == TREASURER_ROLE) _clearMintAllowance(account);
    }
}

/// @dev The one balance move outside payments, shared by the ledger and the external libraries (which run in the
/// currency's storage through DELEGATECALL and cannot call the ledger's internal functions).
function moveBalance(Ledger.LedgerStorage storage $, address from, address to, uint256 amount) {
    uint128 fromBalance = $.accounts[from].balance;
    if (fromBalance < amount) revert IERC20Errors.ERC20InsufficientBalance(from, fromBalance, amount);
    unchecked {
        $.accounts[from].balance = fromBalance - uint128(amount);
        $.accounts[to].balance += uint128(amount);
    }
    emit IERC20.Transfer(from, to, amount);
}

/// @dev Destroys `amount` of `from`'s balance, for the ledger and the reconversion library alike; the caller then
/// tells the reserve (Ledger._afterBurn).
function burnBalance(Ledger.LedgerStorage storage $, address from, uint256 amount) {
    uint128 fromBalance = $.accounts[from].balance;
    if (fromBalance < amount) revert IERC20Errors.ERC20InsufficientBalance(from, fromBalance, amount);
    unchecked {
        $.accounts[from].balance = fromBalance - uint128(amount);
        $.totalSupply -= amount;
    }
    emit IERC20.Transfer(from, address(0), amount);
}
